// The server's latency histogram: bucket bounds, percentiles of known samples, windows between
// two snapshots, the JSON form read back, and adds from several threads at once.
#include "server/core/stats/latencybuckets.h"
#include "server/core/stats/latencyhistogram.h"
#include "server/core/stats/latencysnapshot.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QThread>

#include <memory>
#include <vector>

using namespace Confab::Server;
using std::chrono::microseconds;

class TestLatencyHistogram : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bucketsTileTheRange();
    void bucketsAreNarrow();
    void boundsOfKnownValues_data();
    void boundsOfKnownValues();
    void emptyHistogramReadsZero();
    void percentilesOfKnownSamples();
    void percentilesNeverExceedTheMaximum();
    void windowBetweenTwoSnapshots();
    void jsonReadsBack();
    void badJsonIsRefused_data();
    void badJsonIsRefused();
    void concurrentAddsAreAllCounted();
};

void TestLatencyHistogram::bucketsTileTheRange()
{
    // Every bucket starts right after the one before ends, and its bounds fall into it.
    QCOMPARE(LatencyBuckets::lowerBound(0), qint64(0));
    for (int bucket = 0; bucket < LatencyBuckets::kCount; ++bucket) {
        const qint64 lower = LatencyBuckets::lowerBound(bucket);
        const qint64 upper = LatencyBuckets::upperBound(bucket);
        QVERIFY2(lower <= upper, qPrintable(QString::number(bucket)));
        QCOMPARE(LatencyBuckets::bucketOf(lower), bucket);
        QCOMPARE(LatencyBuckets::bucketOf(upper), bucket);
        if (bucket > 0)
            QCOMPARE(lower, LatencyBuckets::upperBound(bucket - 1) + 1);
    }
}

void TestLatencyHistogram::bucketsAreNarrow()
{
    for (int bucket = int(LatencyBuckets::kExactBelow); bucket < LatencyBuckets::kCount; ++bucket) {
        const qint64 lower = LatencyBuckets::lowerBound(bucket);
        const qint64 width = LatencyBuckets::upperBound(bucket) - lower + 1;
        QVERIFY2(width * LatencyBuckets::kSubBuckets <= lower,
            qPrintable(
                QStringLiteral("bucket %1 is %2 wide at %3").arg(bucket).arg(width).arg(lower)));
    }
}

void TestLatencyHistogram::boundsOfKnownValues_data()
{
    QTest::addColumn<qint64>("micros");
    QTest::addColumn<qint64>("upper");
    QTest::newRow("negative") << qint64(-5) << qint64(0);
    QTest::newRow("zero") << qint64(0) << qint64(0);
    QTest::newRow("exact 31") << qint64(31) << qint64(31);
    QTest::newRow("32") << qint64(32) << qint64(33);
    QTest::newRow("63") << qint64(63) << qint64(63);
    QTest::newRow("64") << qint64(64) << qint64(67);
    QTest::newRow("1 ms") << qint64(1000) << qint64(1023);
    QTest::newRow("5 ms") << qint64(5000) << qint64(5119);
    QTest::newRow("way beyond") << (qint64(1) << 40) << (qint64(1) << 32) - 1;
}

void TestLatencyHistogram::boundsOfKnownValues()
{
    QFETCH(qint64, micros);
    QFETCH(qint64, upper);
    QCOMPARE(LatencyBuckets::upperBound(LatencyBuckets::bucketOf(micros)), upper);
}

void TestLatencyHistogram::emptyHistogramReadsZero()
{
    LatencyHistogram histogram;
    const LatencySnapshot snapshot = histogram.snapshot();
    QCOMPARE(snapshot.count(), qint64(0));
    QCOMPARE(snapshot.percentileMicros(0.99), qint64(0));
    QCOMPARE(snapshot.maxMicros(), qint64(0));
    QCOMPARE(snapshot.toJson().value(QStringLiteral("buckets")).toArray().size(), qsizetype(0));
}

void TestLatencyHistogram::percentilesOfKnownSamples()
{
    // 1..1000 µs once each: p50 is 500 µs, p95 950, p99 990, each read as its bucket's bound.
    LatencyHistogram histogram;
    for (int micros = 1000; micros >= 1; --micros)
        histogram.add(microseconds(micros));
    const LatencySnapshot snapshot = histogram.snapshot();
    QCOMPARE(snapshot.count(), qint64(1000));
    QCOMPARE(snapshot.totalMicros(), qint64(500500));
    QCOMPARE(snapshot.maxMicros(), qint64(1000));
    QCOMPARE(snapshot.percentileMicros(0.50), qint64(511)); // 500 is in 496..511
    QCOMPARE(snapshot.percentileMicros(0.95), qint64(959)); // 950 is in 944..959
    QCOMPARE(snapshot.percentileMicros(0.99), qint64(991)); // 990 is in 976..991
    QCOMPARE(snapshot.percentileMicros(1.0), qint64(1000)); // the exact maximum, not 1023
    // Small values are exact.
    QCOMPARE(snapshot.percentileMicros(0.001), qint64(1));
    QCOMPARE(snapshot.percentileMicros(0.02), qint64(20));
}

void TestLatencyHistogram::percentilesNeverExceedTheMaximum()
{
    LatencyHistogram histogram;
    histogram.add(microseconds(3));
    histogram.add(microseconds(4100)); // its bucket reaches 4351
    const LatencySnapshot snapshot = histogram.snapshot();
    QCOMPARE(snapshot.percentileMicros(0.5), qint64(3));
    QCOMPARE(snapshot.percentileMicros(0.99), qint64(4100));
    const QJsonObject json = snapshot.toJson();
    QCOMPARE(json.value(QStringLiteral("p99Ms")).toDouble(), 4.1);
    QCOMPARE(json.value(QStringLiteral("maxMs")).toDouble(), 4.1);
}

void TestLatencyHistogram::windowBetweenTwoSnapshots()
{
    LatencyHistogram histogram;
    for (int i = 0; i < 100; ++i)
        histogram.add(microseconds(20'000)); // an old slow phase
    const LatencySnapshot before = histogram.snapshot();
    for (int i = 0; i < 98; ++i)
        histogram.add(microseconds(700));
    histogram.add(microseconds(2'000));
    histogram.add(microseconds(3'000));
    const LatencySnapshot after = histogram.snapshot();

    const LatencySnapshot window = after.since(before);
    QCOMPARE(window.count(), qint64(100));
    QCOMPARE(window.totalMicros(), qint64(98 * 700 + 2'000 + 3'000));
    QCOMPARE(window.percentileMicros(0.50), qint64(703));
    QCOMPARE(window.percentileMicros(0.99), qint64(2047)); // the 99th of 100 is 2,000 µs
    // The all-time maximum (20 ms) is older than the window: the window's is its top bucket.
    QCOMPARE(after.maxMicros(), qint64(20'000));
    QCOMPARE(window.maxMicros(), qint64(3071));
    QVERIFY(window.maxMicros() >= 3'000);

    // A new all-time maximum inside the window is exact.
    histogram.add(microseconds(25'000));
    const LatencySnapshot later = histogram.snapshot().since(after);
    QCOMPARE(later.count(), qint64(1));
    QCOMPARE(later.maxMicros(), qint64(25'000));
    // Nothing between two snapshots reads empty.
    QCOMPARE(after.since(after).count(), qint64(0));
    QCOMPARE(after.since(after).maxMicros(), qint64(0));
}

void TestLatencyHistogram::jsonReadsBack()
{
    LatencyHistogram histogram;
    const QList<int> samples {0, 5, 31, 32, 999, 1000, 4999, 5000, 123'456, 7'000'000};
    for (int micros : samples)
        histogram.add(microseconds(micros));
    const LatencySnapshot snapshot = histogram.snapshot();
    const QJsonObject json = snapshot.toJson();
    QCOMPARE(json.value(QStringLiteral("count")).toInteger(), qint64(samples.size()));
    qint64 summed = 0;
    double previous = -1;
    for (const QJsonValue &bucket : json.value(QStringLiteral("buckets")).toArray()) {
        const double upTo = bucket[QStringLiteral("upToUs")].toDouble();
        QVERIFY(upTo > previous); // lowest first, each once
        previous = upTo;
        summed += bucket[QStringLiteral("count")].toInteger();
    }
    QCOMPARE(summed, qint64(samples.size()));

    const Confab::Result<LatencySnapshot> read = LatencySnapshot::fromJson(json);
    QVERIFY(read.ok());
    QCOMPARE(read->count(), snapshot.count());
    QCOMPARE(read->totalMicros(), snapshot.totalMicros());
    QCOMPARE(read->maxMicros(), qint64(7'000'000));
    for (int bucket = 0; bucket < LatencyBuckets::kCount; ++bucket)
        QCOMPARE(read->countInBucket(bucket), snapshot.countInBucket(bucket));
    QCOMPARE(read->toJson(), json);
}

void TestLatencyHistogram::badJsonIsRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("no buckets") << QByteArray(R"({"maxMs":1,"totalUs":1})");
    QTest::newRow("not a bound") << QByteArray(
        R"({"maxMs":1,"totalUs":1,"buckets":[{"upToUs":32,"count":1}]})");
    QTest::newRow("negative count")
        << QByteArray(R"({"maxMs":1,"totalUs":1,"buckets":[{"upToUs":33,"count":-1}]})");
    QTest::newRow("fractional count")
        << QByteArray(R"({"maxMs":1,"totalUs":1,"buckets":[{"upToUs":33,"count":1.5}]})");
    QTest::newRow("no maximum") << QByteArray(
        R"({"totalUs":1,"buckets":[{"upToUs":33,"count":1}]})");
}

void TestLatencyHistogram::badJsonIsRefused()
{
    QFETCH(QByteArray, json);
    const Confab::Result<LatencySnapshot> read =
        LatencySnapshot::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!read.ok());
    QVERIFY(!read.error().message.isEmpty());
}

void TestLatencyHistogram::concurrentAddsAreAllCounted()
{
    // Four threads add 50,000 samples each while this one takes snapshots: every sample is
    // counted once, and every snapshot is consistent (counts only grow, p50 <= p99 <= max).
    constexpr int kThreads = 4;
    constexpr int kEach = 50'000;
    LatencyHistogram histogram;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back(QThread::create([&histogram, t] {
            for (int i = 0; i < kEach; ++i)
                histogram.add(microseconds((i * 7 + t) % 10'000));
        }));
        threads.back()->start();
    }
    qint64 lastCount = 0;
    bool running = true;
    while (running) {
        running = false;
        for (const auto &thread : threads)
            running = running || !thread->isFinished();
        const LatencySnapshot snapshot = histogram.snapshot();
        QVERIFY(snapshot.count() >= lastCount);
        lastCount = snapshot.count();
        QVERIFY(snapshot.percentileMicros(0.5) <= snapshot.percentileMicros(0.99));
        QVERIFY(snapshot.percentileMicros(0.99) <= snapshot.maxMicros());
    }
    for (const auto &thread : threads)
        QVERIFY(thread->wait(60'000));
    const LatencySnapshot done = histogram.snapshot();
    QCOMPARE(done.count(), qint64(kThreads) * kEach);
    qint64 expectedTotal = 0;
    for (int t = 0; t < kThreads; ++t) {
        for (int i = 0; i < kEach; ++i)
            expectedTotal += (i * 7 + t) % 10'000;
    }
    QCOMPARE(done.totalMicros(), expectedTotal);
    QCOMPARE(done.maxMicros(), qint64(9'999));
}

QTEST_GUILESS_MAIN(TestLatencyHistogram)
#include "tst_latencyhistogram.moc"
