#include "server/core/stats/latencyhistogram.h"

namespace Confab::Server {

void LatencyHistogram::add(std::chrono::microseconds latency)
{
    const qint64 micros = qMax(qint64(0), qint64(latency.count()));
    m_counts[size_t(LatencyBuckets::bucketOf(micros))].fetch_add(1, std::memory_order_relaxed);
    m_totalMicros.fetch_add(micros, std::memory_order_relaxed);
    qint64 max = m_maxMicros.load(std::memory_order_relaxed);
    while (micros > max
        && !m_maxMicros.compare_exchange_weak(max, micros, std::memory_order_relaxed)) { }
}

LatencySnapshot LatencyHistogram::snapshot() const
{
    QList<qint64> counts(LatencyBuckets::kCount, 0);
    for (int bucket = 0; bucket < LatencyBuckets::kCount; ++bucket)
        counts[bucket] = m_counts[size_t(bucket)].load(std::memory_order_relaxed);
    return LatencySnapshot(std::move(counts), m_totalMicros.load(std::memory_order_relaxed),
        m_maxMicros.load(std::memory_order_relaxed));
}

} // namespace Confab::Server
