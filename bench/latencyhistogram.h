#pragma once

#include <QJsonObject>
#include <QVector>

namespace Confab::Bench {

/// Latencies in microseconds, kept in buckets 2 % wide so that millions of samples cost a few
/// kilobytes and histograms of several processes can be merged. The maximum is exact.
class LatencyHistogram
{
public:
    void add(qint64 micros);
    void merge(const LatencyHistogram &other);
    void clear();

    qint64 count() const { return m_count; }
    qint64 maxMicros() const { return m_max; }
    /// The value below which `fraction` (0..1) of the samples lie, as the upper edge of its
    /// bucket (at most 2 % high); 0 when empty.
    qint64 percentileMicros(double fraction) const;

    QJsonObject toJson() const;
    static LatencyHistogram fromJson(const QJsonObject &json);
    /// p50, p95, p99 and max in milliseconds, for reports.
    QJsonObject summaryMs() const;

private:
    static int bucketOf(qint64 micros);
    static qint64 upperEdge(int bucket);

    QVector<qint64> m_buckets;
    qint64 m_count = 0;
    qint64 m_max = 0;
};

} // namespace Confab::Bench
