#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QList>

namespace Confab::Server {

/// The counts of a LatencyHistogram at one moment (see LatencyBuckets for the layout), and
/// what can be read from them: percentiles, the maximum, the JSON of GET /api/admin/stats.
/// Snapshots are cumulative; since() gives the distribution of the samples taken between two
/// of them. A plain value, owned by whoever asked for it.
class LatencySnapshot
{
public:
    LatencySnapshot();
    /// `counts` has one entry per bucket (LatencyBuckets::kCount).
    LatencySnapshot(QList<qint64> counts, qint64 totalMicros, qint64 maxMicros);

    qint64 count() const { return m_count; }
    /// The sum of all samples, for means.
    qint64 totalMicros() const { return m_totalMicros; }
    /// The largest sample (see since() for a window's).
    qint64 maxMicros() const { return m_maxMicros; }
    qint64 countInBucket(int bucket) const { return m_counts.value(bucket); }
    /// The value that `fraction` (0..1] of the samples do not exceed, as the upper bound of
    /// its bucket (at most ~6 % high) but never above the maximum; 0 when empty.
    qint64 percentileMicros(double fraction) const;

    /// The samples added after `earlier` was taken (of the same histogram). The maximum is
    /// exact when the all-time maximum was reached in the window; otherwise it is the upper
    /// bound of the window's highest bucket.
    LatencySnapshot since(const LatencySnapshot &earlier) const;

    /// {"count", "p50Ms", "p95Ms", "p99Ms", "maxMs", "totalUs", "buckets": [{"upToUs",
    /// "count"}, ...]}, listing only the buckets that hold samples, lowest first.
    QJsonObject toJson() const;
    /// Reads toJson()'s form back; an error names what is wrong.
    static Result<LatencySnapshot> fromJson(const QJsonObject &json);

private:
    QList<qint64> m_counts;
    qint64 m_count = 0;
    qint64 m_totalMicros = 0;
    qint64 m_maxMicros = 0;
};

} // namespace Confab::Server
