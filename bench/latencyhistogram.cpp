#include "bench/latencyhistogram.h"

#include <QJsonArray>

#include <cmath>

namespace Confab::Bench {

namespace {
constexpr double kGrowth = 1.02;
}

int LatencyHistogram::bucketOf(qint64 micros)
{
    if (micros <= 1)
        return 0;
    return int(std::ceil(std::log(double(micros)) / std::log(kGrowth)));
}

qint64 LatencyHistogram::upperEdge(int bucket)
{
    return qint64(std::floor(std::pow(kGrowth, bucket)));
}

void LatencyHistogram::add(qint64 micros)
{
    micros = qMax<qint64>(micros, 0);
    const int bucket = bucketOf(micros);
    if (bucket >= m_buckets.size())
        m_buckets.resize(bucket + 1);
    ++m_buckets[bucket];
    ++m_count;
    m_max = qMax(m_max, micros);
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    if (other.m_buckets.size() > m_buckets.size())
        m_buckets.resize(other.m_buckets.size());
    for (int i = 0; i < other.m_buckets.size(); ++i)
        m_buckets[i] += other.m_buckets[i];
    m_count += other.m_count;
    m_max = qMax(m_max, other.m_max);
}

void LatencyHistogram::clear()
{
    m_buckets.clear();
    m_count = 0;
    m_max = 0;
}

qint64 LatencyHistogram::percentileMicros(double fraction) const
{
    if (m_count == 0)
        return 0;
    const qint64 rank = qMax<qint64>(1, qint64(std::ceil(fraction * double(m_count))));
    qint64 seen = 0;
    for (int i = 0; i < m_buckets.size(); ++i) {
        seen += m_buckets[i];
        if (seen >= rank)
            return qMin(upperEdge(i), m_max);
    }
    return m_max;
}

QJsonObject LatencyHistogram::toJson() const
{
    QJsonArray buckets;
    for (int i = 0; i < m_buckets.size(); ++i) {
        if (m_buckets[i] != 0)
            buckets.append(QJsonArray {i, double(m_buckets[i])});
    }
    return QJsonObject {{QStringLiteral("buckets"), buckets},
        {QStringLiteral("count"), double(m_count)}, {QStringLiteral("max"), double(m_max)}};
}

LatencyHistogram LatencyHistogram::fromJson(const QJsonObject &json)
{
    LatencyHistogram histogram;
    const QJsonArray buckets = json.value(QStringLiteral("buckets")).toArray();
    for (const QJsonValue &entry : buckets) {
        const QJsonArray pair = entry.toArray();
        const int bucket = pair.at(0).toInt();
        if (bucket < 0 || bucket > 4000)
            continue;
        if (bucket >= histogram.m_buckets.size())
            histogram.m_buckets.resize(bucket + 1);
        histogram.m_buckets[bucket] += qint64(pair.at(1).toDouble());
    }
    histogram.m_count = qint64(json.value(QStringLiteral("count")).toDouble());
    histogram.m_max = qint64(json.value(QStringLiteral("max")).toDouble());
    return histogram;
}

QJsonObject LatencyHistogram::summaryMs() const
{
    auto ms = [](qint64 micros) { return std::round(double(micros) / 10.0) / 100.0; };
    return QJsonObject {{QStringLiteral("samples"), double(m_count)},
        {QStringLiteral("p50Ms"), ms(percentileMicros(0.50))},
        {QStringLiteral("p95Ms"), ms(percentileMicros(0.95))},
        {QStringLiteral("p99Ms"), ms(percentileMicros(0.99))},
        {QStringLiteral("maxMs"), ms(m_max)}};
}

} // namespace Confab::Bench
