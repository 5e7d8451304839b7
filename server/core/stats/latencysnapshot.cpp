#include "server/core/stats/latencysnapshot.h"

#include "server/core/stats/latencybuckets.h"

#include <QJsonArray>

#include <cmath>

namespace Confab::Server {

namespace {

double millis(qint64 micros)
{
    return double(micros) / 1000.0;
}

// A JSON number that must be a whole number from 0 up; -1 otherwise.
qint64 wholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return -1;
    const double number = value.toDouble();
    if (number < 0 || number > 9e15 || number != std::floor(number))
        return -1;
    return qint64(number);
}

Error badSnapshot(const QString &what)
{
    return badRequest(QStringLiteral("invalid_latency_snapshot"), what);
}

} // namespace

LatencySnapshot::LatencySnapshot()
    : m_counts(LatencyBuckets::kCount, 0)
{ }

LatencySnapshot::LatencySnapshot(QList<qint64> counts, qint64 totalMicros, qint64 maxMicros)
    : m_counts(std::move(counts))
    , m_totalMicros(totalMicros)
{
    m_counts.resize(LatencyBuckets::kCount);
    int highest = -1;
    for (int bucket = 0; bucket < LatencyBuckets::kCount; ++bucket) {
        m_count += m_counts.at(bucket);
        if (m_counts.at(bucket) > 0)
            highest = bucket;
    }
    // The maximum is kept apart from the buckets; it cannot lie below the highest sample's
    // bucket, even when it was read a moment before that sample was counted.
    m_maxMicros = highest < 0 ? 0 : qMax(maxMicros, LatencyBuckets::lowerBound(highest));
}

qint64 LatencySnapshot::percentileMicros(double fraction) const
{
    if (m_count == 0)
        return 0;
    const qint64 rank = qBound(qint64(1), qint64(std::ceil(fraction * double(m_count))), m_count);
    qint64 seen = 0;
    for (int bucket = 0; bucket < LatencyBuckets::kCount; ++bucket) {
        seen += m_counts.at(bucket);
        if (seen >= rank)
            return qMin(LatencyBuckets::upperBound(bucket), m_maxMicros);
    }
    return m_maxMicros;
}

LatencySnapshot LatencySnapshot::since(const LatencySnapshot &earlier) const
{
    QList<qint64> counts(LatencyBuckets::kCount, 0);
    int highest = -1;
    for (int bucket = 0; bucket < LatencyBuckets::kCount; ++bucket) {
        counts[bucket] = qMax(qint64(0), m_counts.at(bucket) - earlier.m_counts.at(bucket));
        if (counts.at(bucket) > 0)
            highest = bucket;
    }
    qint64 max = 0;
    if (highest >= 0) {
        max = m_maxMicros > earlier.m_maxMicros
            ? m_maxMicros
            : qMin(m_maxMicros, LatencyBuckets::upperBound(highest));
    }
    return LatencySnapshot(
        std::move(counts), qMax(qint64(0), m_totalMicros - earlier.m_totalMicros), max);
}

QJsonObject LatencySnapshot::toJson() const
{
    QJsonArray buckets;
    for (int bucket = 0; bucket < LatencyBuckets::kCount; ++bucket) {
        if (m_counts.at(bucket) == 0)
            continue;
        buckets.append(
            QJsonObject {{QStringLiteral("upToUs"), double(LatencyBuckets::upperBound(bucket))},
                {QStringLiteral("count"), double(m_counts.at(bucket))}});
    }
    return QJsonObject {{QStringLiteral("count"), double(m_count)},
        {QStringLiteral("p50Ms"), millis(percentileMicros(0.50))},
        {QStringLiteral("p95Ms"), millis(percentileMicros(0.95))},
        {QStringLiteral("p99Ms"), millis(percentileMicros(0.99))},
        {QStringLiteral("maxMs"), millis(m_maxMicros)},
        {QStringLiteral("totalUs"), double(m_totalMicros)}, {QStringLiteral("buckets"), buckets}};
}

Result<LatencySnapshot> LatencySnapshot::fromJson(const QJsonObject &json)
{
    QList<qint64> counts(LatencyBuckets::kCount, 0);
    const QJsonValue buckets = json.value(QStringLiteral("buckets"));
    if (!buckets.isArray())
        return badSnapshot(QStringLiteral("\"buckets\" must be an array."));
    for (const QJsonValue &entry : buckets.toArray()) {
        const qint64 upTo = wholeNumber(entry.toObject().value(QStringLiteral("upToUs")));
        const qint64 count = wholeNumber(entry.toObject().value(QStringLiteral("count")));
        if (upTo < 0 || count < 0)
            return badSnapshot(QStringLiteral("A bucket needs a whole \"upToUs\" and \"count\"."));
        const int bucket = LatencyBuckets::bucketOf(upTo);
        if (LatencyBuckets::upperBound(bucket) != upTo)
            return badSnapshot(QStringLiteral("%1 µs is not the bound of a bucket.").arg(upTo));
        counts[bucket] += count;
    }
    const qint64 total = wholeNumber(json.value(QStringLiteral("totalUs")));
    const QJsonValue maxMs = json.value(QStringLiteral("maxMs"));
    if (total < 0 || !maxMs.isDouble() || maxMs.toDouble() < 0)
        return badSnapshot(QStringLiteral("\"totalUs\" and \"maxMs\" must be numbers from 0 up."));
    return LatencySnapshot(std::move(counts), total, qint64(std::llround(maxMs.toDouble() * 1000)));
}

} // namespace Confab::Server
