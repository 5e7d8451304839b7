// Last-seen times go to the database in batches; until stored, the recorder answers for them.
#include "server/core/realtime/lastseenrecorder.h"
#include "tests/support/storagefixture.h"

#include <QTest>

#include <chrono>

using namespace Confab;
using namespace Confab::Server;
using namespace Confab::Testing;
using namespace std::chrono_literals;

class TestLastSeenRecorder : public StorageFixture
{
    Q_OBJECT

private Q_SLOTS:
    void batchesAreStoredAndStopBeingPending();
    void newerTimesWinAndNothingMovesBack();

private:
    /// last_seen_at as stored, or an invalid time.
    QDateTime stored(qint64 userId);
};

QDateTime TestLastSeenRecorder::stored(qint64 userId)
{
    Result<std::optional<User>> user = run<std::optional<User>>(
        [&](Storage &storage) { return storage.users().findById(userId); });
    if (!user || !user->has_value())
        return {};
    return (*user)->lastSeenAt;
}

void TestLastSeenRecorder::batchesAreStoredAndStopBeingPending()
{
    const qint64 ann = addUser(QStringLiteral("ann")).id;
    const qint64 bob = addUser(QStringLiteral("bob")).id;
    QVERIFY(ann && bob);
    LastSeenRecorder recorder(database(), 100ms);
    recorder.record(ann, at(10));
    recorder.record(bob, at(20));
    // Not stored yet, but answered for.
    QCOMPARE(recorder.pending(ann), std::optional<QDateTime>(at(10)));
    QCOMPARE(recorder.pending(bob), std::optional<QDateTime>(at(20)));
    QVERIFY(!stored(ann).isValid());
    // After the delay both are stored in one go and no longer pending.
    QTRY_VERIFY_WITH_TIMEOUT(!recorder.pending(ann) && !recorder.pending(bob), 10000);
    QCOMPARE(stored(ann), at(10));
    QCOMPARE(stored(bob), at(20));
}

void TestLastSeenRecorder::newerTimesWinAndNothingMovesBack()
{
    const qint64 cy = addUser(QStringLiteral("cy")).id;
    QVERIFY(cy);
    LastSeenRecorder recorder(database(), 10s); // only flush() writes in this test
    recorder.record(cy, at(30));
    recorder.record(cy, at(10)); // older: ignored
    QCOMPARE(recorder.pending(cy), std::optional<QDateTime>(at(30)));
    recorder.flush();
    // Recorded while the first batch is on its way: pending until its own batch is stored.
    recorder.record(cy, at(40));
    QCOMPARE(recorder.pending(cy), std::optional<QDateTime>(at(40)));
    QTRY_COMPARE_WITH_TIMEOUT(stored(cy), at(30), 10000);
    QCOMPARE(recorder.pending(cy), std::optional<QDateTime>(at(40)));
    recorder.flush();
    QTRY_VERIFY_WITH_TIMEOUT(!recorder.pending(cy), 10000);
    QCOMPARE(stored(cy), at(40));
    // A batch never moves a stored time backwards.
    recorder.record(cy, at(5));
    recorder.flush();
    QTRY_VERIFY_WITH_TIMEOUT(!recorder.pending(cy), 10000);
    QCOMPARE(stored(cy), at(40));
}

QTEST_GUILESS_MAIN(TestLastSeenRecorder)
#include "tst_lastseenrecorder.moc"
