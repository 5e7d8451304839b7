// Last-seen times go to the database in batches; until stored, the recorder answers for them.
#include "server/core/realtime/lastseenrecorder.h"
#include "server/core/storage/database.h"

#include "tests/support/testdatabase.h"

#include <QCoroTask>
#include <QTest>

#include <chrono>

using namespace Confab;
using namespace Confab::Server;
using namespace Confab::Testing;
using namespace std::chrono_literals;

class TestLastSeenRecorder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void batchesAreStoredAndStopBeingPending();
    void newerTimesWinAndNothingMovesBack();

private:
    qint64 addUser(const QString &name);
    /// last_seen_at as stored, or an invalid time.
    QDateTime stored(qint64 userId);

    std::unique_ptr<TestDatabase> m_testDb;
    std::unique_ptr<Database> m_db;
};

namespace {
const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);

template<typename T>
QCoro::Task<> collect(
    Database *db, std::function<Result<T>(Storage &)> job, std::optional<Result<T>> *out)
{
    out->emplace(co_await db->run<T>(std::move(job)));
}

template<typename T>
Result<T> runJob(Database *db, std::function<Result<T>(Storage &)> job)
{
    std::optional<Result<T>> result;
    QCoro::waitFor(collect<T>(db, std::move(job), &result));
    return std::move(*result);
}
} // namespace

void TestLastSeenRecorder::init()
{
    m_testDb = std::make_unique<TestDatabase>();
    QVERIFY2(m_testDb->isValid(), qPrintable(m_testDb->errorString()));
    Result<std::unique_ptr<Database>> opened = Database::open(m_testDb->config());
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
    m_db = std::move(opened).value();
}

void TestLastSeenRecorder::cleanup()
{
    m_db.reset();
    m_testDb.reset();
}

qint64 TestLastSeenRecorder::addUser(const QString &name)
{
    const NewUser user {name, name, QStringLiteral("$argon2id$fake"), t0};
    Result<User> created =
        runJob<User>(m_db.get(), [&](Storage &storage) { return storage.users().create(user); });
    return created ? created->id : 0;
}

QDateTime TestLastSeenRecorder::stored(qint64 userId)
{
    Result<std::optional<User>> user = runJob<std::optional<User>>(
        m_db.get(), [&](Storage &storage) { return storage.users().findById(userId); });
    if (!user || !user->has_value())
        return {};
    return (*user)->lastSeenAt;
}

void TestLastSeenRecorder::batchesAreStoredAndStopBeingPending()
{
    const qint64 ann = addUser(QStringLiteral("ann"));
    const qint64 bob = addUser(QStringLiteral("bob"));
    QVERIFY(ann && bob);
    LastSeenRecorder recorder(*m_db, 100ms);
    recorder.record(ann, t0.addSecs(10));
    recorder.record(bob, t0.addSecs(20));
    // Not stored yet, but answered for.
    QCOMPARE(recorder.pending(ann), std::optional<QDateTime>(t0.addSecs(10)));
    QCOMPARE(recorder.pending(bob), std::optional<QDateTime>(t0.addSecs(20)));
    QVERIFY(!stored(ann).isValid());
    // After the delay both are stored in one go and no longer pending.
    QTRY_VERIFY_WITH_TIMEOUT(!recorder.pending(ann) && !recorder.pending(bob), 10000);
    QCOMPARE(stored(ann), t0.addSecs(10));
    QCOMPARE(stored(bob), t0.addSecs(20));
}

void TestLastSeenRecorder::newerTimesWinAndNothingMovesBack()
{
    const qint64 cy = addUser(QStringLiteral("cy"));
    QVERIFY(cy);
    LastSeenRecorder recorder(*m_db, 10s); // only flush() writes in this test
    recorder.record(cy, t0.addSecs(30));
    recorder.record(cy, t0.addSecs(10)); // older: ignored
    QCOMPARE(recorder.pending(cy), std::optional<QDateTime>(t0.addSecs(30)));
    recorder.flush();
    // Recorded while the first batch is on its way: pending until its own batch is stored.
    recorder.record(cy, t0.addSecs(40));
    QCOMPARE(recorder.pending(cy), std::optional<QDateTime>(t0.addSecs(40)));
    QTRY_COMPARE_WITH_TIMEOUT(stored(cy), t0.addSecs(30), 10000);
    QCOMPARE(recorder.pending(cy), std::optional<QDateTime>(t0.addSecs(40)));
    recorder.flush();
    QTRY_VERIFY_WITH_TIMEOUT(!recorder.pending(cy), 10000);
    QCOMPARE(stored(cy), t0.addSecs(40));
    // A batch never moves a stored time backwards.
    recorder.record(cy, t0.addSecs(5));
    recorder.flush();
    QTRY_VERIFY_WITH_TIMEOUT(!recorder.pending(cy), 10000);
    QCOMPARE(stored(cy), t0.addSecs(40));
}

QTEST_GUILESS_MAIN(TestLastSeenRecorder)
#include "tst_lastseenrecorder.moc"
