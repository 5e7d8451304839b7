#pragma once

#include "server/core/stats/latencybuckets.h"
#include "server/core/stats/latencysnapshot.h"

#include <array>
#include <atomic>
#include <chrono>

namespace Confab::Server {

/// Latencies counted since the server started, in log-scale buckets of microseconds (see
/// LatencyBuckets): fixed memory, and add() is a few relaxed atomic operations, so any thread
/// may add while another takes a snapshot.
class LatencyHistogram
{
public:
    LatencyHistogram() = default;
    LatencyHistogram(const LatencyHistogram &) = delete;
    LatencyHistogram &operator=(const LatencyHistogram &) = delete;

    void add(std::chrono::microseconds latency);
    /// The counts so far. Samples added meanwhile may or may not be in it; each one that is
    /// is counted in its bucket.
    LatencySnapshot snapshot() const;

private:
    std::array<std::atomic<qint64>, LatencyBuckets::kCount> m_counts {};
    std::atomic<qint64> m_totalMicros {0};
    std::atomic<qint64> m_maxMicros {0};
};

} // namespace Confab::Server
