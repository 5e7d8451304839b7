// Group commit of new messages over real HTTP: sends that queue up behind a commit share the
// next transaction, each is still checked on its own, and each is answered after its commit.
#include "server/core/storage/database.h"
#include "server/core/storage/messagewriter.h"
#include "tests/support/parallelposter.h"
#include "tests/support/testserver.h"
#include "tests/support/wsprobe.h"

#include <QJsonArray>
#include <QSemaphore>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <atomic>
#include <memory>

using namespace Confab;
using namespace Confab::Testing;

namespace {

/// Keeps every database worker busy until released, so that sends pile up in the message
/// writer behind a batch that cannot commit yet. Each blocking job counts itself in when it
/// starts; all of them running at once means every worker is held.
class WorkerBlock
{
public:
    explicit WorkerBlock(Server::Database &database)
        : m_count(database.workerCount())
    {
        for (int i = 0; i < m_count; ++i) {
            m_jobs.push_back(database.run<void>([state = m_state](Server::Storage &) {
                ++state->started;
                state->gate.acquire();
                return Result<void>();
            }));
        }
    }
    ~WorkerBlock() { release(); }
    WorkerBlock(const WorkerBlock &) = delete;
    WorkerBlock &operator=(const WorkerBlock &) = delete;

    bool waitUntilHeld()
    {
        return QTest::qWaitFor([this] { return m_state->started == m_count; }, 30000);
    }
    void release()
    {
        if (!m_released)
            m_state->gate.release(m_count);
        m_released = true;
    }

private:
    struct State
    {
        std::atomic<int> started {0};
        QSemaphore gate;
    };
    std::shared_ptr<State> m_state = std::make_shared<State>();
    int m_count = 0;
    bool m_released = false;
    std::vector<QCoro::Task<Result<void>>> m_jobs;
};

QJsonObject messageBody(const QString &content, const QString &clientMessageId = {})
{
    QJsonObject body {{QStringLiteral("content"), content}};
    if (!clientMessageId.isEmpty())
        body.insert(QStringLiteral("clientMessageId"), clientMessageId);
    return body;
}

/// Plain, and every few messages with what a batch must carry through untouched: quotes,
/// backslashes, braces, commas, the word NULL, an emoji.
QString parallelContent(int i)
{
    if (i % 4 == 0)
        return QStringLiteral("parallel %1 say \"hi\" \\ {a,b} NULL 'x' ").arg(i)
            + QString::fromUtf8("\xF0\x9F\x98\x80");
    return QStringLiteral("parallel %1").arg(i);
}

/// Every third message has a client id (the app always sends one); one of them reads NULL.
QString parallelClientId(int i)
{
    if (i == 3)
        return QStringLiteral("NULL");
    return i % 3 == 0 ? QStringLiteral("p-%1").arg(i) : QString();
}

QString messagesPath(qint64 conversationId)
{
    return QStringLiteral("/api/conversations/%1/messages").arg(conversationId);
}

} // namespace

class TestGroupCommit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void concurrentSendsAreStoredOnceInIdOrder();
    void badSendsInABatchFailAlone();
    void aStatementTheDatabaseRefusesFailsOnlyItsSend();
    void aBatchHoldsAtMostTheCap();
    void sendsQueuedAtShutdownAreStored();

private:
    qint64 createGroup(const TestUser &creator, const QList<qint64> &others);
    /// Every message of a conversation, oldest first, as `viewer` pages through it.
    QList<QJsonObject> history(const TestUser &viewer, qint64 conversationId);
    QStringList contents(const TestUser &viewer, qint64 conversationId);
    Server::MessageWriter &writer() { return m_server.server().context().messageWriter; }
    Server::Database &database() { return m_server.server().database(); }
    bool runSql(const QString &sql);

    TestServer m_server;
    std::unique_ptr<ApiClient> m_client;
    TestUser m_alice, m_bob, m_carol, m_dave;
    WsProbe m_bobWs;
    qint64 m_abc = 0; ///< alice, bob, carol
    qint64 m_ab = 0; ///< alice, bob
    qint64 m_bcd = 0; ///< bob, carol, dave
};

void TestGroupCommit::initTestCase()
{
    QString error;
    QVERIFY2(startWithUsers(m_server, m_client,
                 {{QStringLiteral("alice"), &m_alice}, {QStringLiteral("bob"), &m_bob},
                     {QStringLiteral("carol"), &m_carol}, {QStringLiteral("dave"), &m_dave}},
                 &error),
        qPrintable(error));
    m_abc = createGroup(m_alice, {m_bob.id, m_carol.id});
    m_ab = createGroup(m_alice, {m_bob.id});
    m_bcd = createGroup(m_bob, {m_carol.id, m_dave.id});
    QVERIFY(m_abc && m_ab && m_bcd);
    // Bob is in every conversation, so his connection hears of every message.
    QVERIFY(m_bobWs.openReady(m_server.wsUrl(), m_bob.accessToken));
}

qint64 TestGroupCommit::createGroup(const TestUser &creator, const QList<qint64> &others)
{
    QJsonArray ids;
    for (qint64 id : others)
        ids.append(id);
    const ApiReply reply = m_client->post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"), ids}, {QStringLiteral("title"), QStringLiteral("g")}},
        creator.accessToken);
    return reply.status == 201 ? reply.json.value(QStringLiteral("id")).toInteger() : 0;
}

QList<QJsonObject> TestGroupCommit::history(const TestUser &viewer, qint64 conversationId)
{
    QList<QJsonObject> messages;
    QString path = messagesPath(conversationId) + QStringLiteral("?limit=100");
    for (int page = 0; page < 100; ++page) {
        const ApiReply reply = m_client->get(path, viewer.accessToken);
        if (reply.status != 200)
            return {};
        QList<QJsonObject> older;
        for (const QJsonValue &message : reply.json.value(QStringLiteral("messages")).toArray())
            older.append(message.toObject());
        messages = older + messages;
        if (!reply.json.value(QStringLiteral("hasMore")).toBool() || older.isEmpty())
            break;
        path = messagesPath(conversationId)
            + QStringLiteral("?limit=100&before=%1")
                  .arg(older.first().value(QStringLiteral("id")).toInteger());
    }
    return messages;
}

QStringList TestGroupCommit::contents(const TestUser &viewer, qint64 conversationId)
{
    QStringList texts;
    for (const QJsonObject &message : history(viewer, conversationId))
        texts << message.value(QStringLiteral("content")).toString();
    return texts;
}

bool TestGroupCommit::runSql(const QString &sql)
{
    Result<void> ran = database().runBlocking<void>([sql](Server::Storage &storage) {
        QSqlQuery query(storage.context().db);
        if (!query.exec(sql)) {
            qWarning() << "test SQL failed:" << query.lastError().text();
            return Result<void>(internalError(QStringLiteral("test SQL failed")));
        }
        return Result<void>();
    });
    return ran.ok();
}

void TestGroupCommit::concurrentSendsAreStoredOnceInIdOrder()
{
    struct Route
    {
        const TestUser *sender;
        qint64 conversation;
    };
    const QList<Route> routes {{&m_alice, m_abc}, {&m_bob, m_abc}, {&m_carol, m_abc},
        {&m_alice, m_ab}, {&m_bob, m_ab}, {&m_bob, m_bcd}, {&m_carol, m_bcd}, {&m_dave, m_bcd}};
    constexpr int kMessages = 400;
    ParallelPoster poster(m_server.httpUrl());
    QHash<qint64, QStringList> sentTo;
    for (int i = 0; i < kMessages; ++i) {
        const Route &route = routes.at(i % routes.size());
        const QString content = parallelContent(i);
        poster.post(messagesPath(route.conversation), messageBody(content, parallelClientId(i)),
            route.sender->accessToken);
        sentTo[route.conversation] << content;
    }
    QVERIFY(poster.waitForAll());

    QSet<qint64> answeredIds;
    for (int i = 0; i < poster.count(); ++i) {
        QCOMPARE(poster.reply(i).status, 201);
        const QJsonObject message = poster.reply(i).json;
        QCOMPARE(message.value(QStringLiteral("content")).toString(), parallelContent(i));
        QCOMPARE(message.value(QStringLiteral("clientMessageId")).toString(), parallelClientId(i));
        answeredIds.insert(message.value(QStringLiteral("id")).toInteger());
    }
    QCOMPARE(answeredIds.size(), kMessages);

    // Stored once each: every conversation holds exactly what was sent to it, and the ids
    // its history shows are the ones the senders were given.
    QSet<qint64> storedIds;
    QHash<QString, QString> storedClientIds; // by content, which is unique here
    for (auto it = sentTo.cbegin(); it != sentTo.cend(); ++it) {
        const QList<QJsonObject> stored = history(m_bob, it.key());
        QStringList storedContents;
        for (const QJsonObject &message : stored) {
            storedContents << message.value(QStringLiteral("content")).toString();
            storedIds.insert(message.value(QStringLiteral("id")).toInteger());
            storedClientIds.insert(message.value(QStringLiteral("content")).toString(),
                message.value(QStringLiteral("clientMessageId")).toString());
        }
        QStringList expected = it.value();
        expected.sort();
        storedContents.sort();
        QCOMPARE(storedContents, expected);
    }
    QCOMPARE(storedIds, answeredIds);
    for (int i = 0; i < kMessages; ++i)
        QCOMPARE(storedClientIds.value(parallelContent(i)), parallelClientId(i));

    // Fanned out after each commit in the order of ids: per conversation, and overall.
    QHash<qint64, qint64> lastIdIn;
    qint64 lastId = 0;
    for (int i = 0; i < kMessages; ++i) {
        const QJsonObject event = m_bobWs.waitFor(QStringLiteral("MESSAGE_CREATED"), 15000);
        QVERIFY2(!event.isEmpty(), qPrintable(QStringLiteral("event %1 missing").arg(i)));
        const QJsonObject message =
            event[QStringLiteral("payload")][QStringLiteral("message")].toObject();
        const qint64 id = message.value(QStringLiteral("id")).toInteger();
        const qint64 conversation = message.value(QStringLiteral("conversationId")).toInteger();
        QVERIFY(answeredIds.contains(id));
        QVERIFY2(id > lastIdIn.value(conversation), "ids go up within a conversation");
        QVERIFY2(id > lastId, "events follow the order of ids");
        lastIdIn[conversation] = id;
        lastId = id;
    }
    QVERIFY(m_bobWs.staysSilent(QStringLiteral("MESSAGE_CREATED"), 300));
    qInfo() << "batches:" << writer().batchesWritten() << "largest:" << writer().largestBatch();
}

void TestGroupCommit::badSendsInABatchFailAlone()
{
    const ApiReply kept = m_client->post(messagesPath(m_ab),
        messageBody(QStringLiteral("kept"), QStringLiteral("kept-1")), m_alice.accessToken);
    QCOMPARE(kept.status, 201);
    QVERIFY(!m_bobWs.waitFor(QStringLiteral("MESSAGE_CREATED")).isEmpty());
    const qint64 batchesBefore = writer().batchesWritten();

    WorkerBlock block(database());
    QVERIFY(block.waitUntilHeld());
    ParallelPoster poster(m_server.httpUrl());
    // An idle writer starts a lone message at once: it does not wait for company.
    const int first =
        poster.post(messagesPath(m_abc), messageBody(QStringLiteral("first")), m_alice.accessToken);
    QTRY_VERIFY_WITH_TIMEOUT(writer().isWriting(), 15000);
    QCOMPARE(writer().queuedCount(), 0);

    // These queue behind it and go into the next batch together.
    const int bob = poster.post(
        messagesPath(m_abc), messageBody(QStringLiteral("from bob")), m_bob.accessToken);
    const int carol = poster.post(
        messagesPath(m_abc), messageBody(QStringLiteral("from carol")), m_carol.accessToken);
    const int dave = poster.post(
        messagesPath(m_bcd), messageBody(QStringLiteral("from dave")), m_dave.accessToken);
    const int intruder = poster.post(
        messagesPath(m_abc), messageBody(QStringLiteral("intruder")), m_dave.accessToken);
    const int nowhere = poster.post(
        messagesPath(987654321), messageBody(QStringLiteral("nowhere")), m_alice.accessToken);
    const int twiceA = poster.post(messagesPath(m_ab),
        messageBody(QStringLiteral("twice"), QStringLiteral("dup-7")), m_bob.accessToken);
    const int twiceB = poster.post(messagesPath(m_ab),
        messageBody(QStringLiteral("twice"), QStringLiteral("dup-7")), m_bob.accessToken);
    const int retry = poster.post(messagesPath(m_ab),
        messageBody(QStringLiteral("kept"), QStringLiteral("kept-1")), m_alice.accessToken);
    const int tooLong = poster.post(
        messagesPath(m_abc), messageBody(QString(4001, QLatin1Char('x'))), m_alice.accessToken);
    // The rules the API checks itself are answered without waiting for any commit.
    QTRY_VERIFY_WITH_TIMEOUT(poster.isFinished(tooLong), 15000);
    QCOMPARE(poster.reply(tooLong).status, 400);
    QCOMPARE(poster.reply(tooLong).errorCode(), QStringLiteral("invalid_content"));
    QTRY_COMPARE_WITH_TIMEOUT(writer().queuedCount(), 8, 15000);
    // Nothing is answered before its commit.
    for (int index : {first, bob, carol, dave, intruder, nowhere, twiceA, twiceB, retry})
        QVERIFY(!poster.isFinished(index));

    block.release();
    QVERIFY(poster.waitForAll());
    QCOMPARE(writer().batchesWritten(), batchesBefore + 2);
    QVERIFY(writer().largestBatch() >= 8);

    for (int index : {first, bob, carol, dave})
        QCOMPARE(poster.reply(index).status, 201);
    for (int index : {intruder, nowhere}) {
        QCOMPARE(poster.reply(index).status, 404);
        QCOMPARE(poster.reply(index).errorCode(), QStringLiteral("conversation_not_found"));
    }
    // The same clientMessageId twice in one batch: stored once, the second gets the first.
    const ApiReply &a = poster.reply(twiceA);
    const ApiReply &b = poster.reply(twiceB);
    QCOMPARE(QSet<int>({a.status, b.status}), QSet<int>({200, 201}));
    QCOMPARE(a.body, b.body);
    // A retry of a message stored earlier gets the original, as it did before batching.
    QCOMPARE(poster.reply(retry).status, 200);
    QCOMPARE(poster.reply(retry).body, kept.body);

    const QStringList inGroup = contents(m_alice, m_abc);
    for (const QString &content :
        {QStringLiteral("first"), QStringLiteral("from bob"), QStringLiteral("from carol")})
        QCOMPARE(inGroup.count(content), 1);
    QVERIFY(!inGroup.contains(QStringLiteral("intruder")));
    QCOMPARE(contents(m_alice, m_ab).count(QStringLiteral("twice")), 1);
    QCOMPARE(contents(m_alice, m_ab).count(QStringLiteral("kept")), 1);
    QVERIFY(contents(m_bob, m_bcd).contains(QStringLiteral("from dave")));

    // Participants hear of each stored message once; of refusals and repeats, nothing.
    QStringList heard;
    for (int i = 0; i < 5; ++i) {
        const QJsonObject event = m_bobWs.waitFor(QStringLiteral("MESSAGE_CREATED"));
        QVERIFY(!event.isEmpty());
        heard << event[QStringLiteral("payload")][QStringLiteral("message")]
                      [QStringLiteral("content")]
                          .toString();
    }
    heard.sort();
    QCOMPARE(heard,
        QStringList({QStringLiteral("first"), QStringLiteral("from bob"),
            QStringLiteral("from carol"), QStringLiteral("from dave"), QStringLiteral("twice")}));
    QVERIFY(m_bobWs.staysSilent(QStringLiteral("MESSAGE_CREATED"), 300));
}

void TestGroupCommit::aStatementTheDatabaseRefusesFailsOnlyItsSend()
{
    // A trigger makes the database itself refuse one message mid-batch, as a full disk or a
    // broken row would: the batch's transaction fails, and each message is written again alone.
    const bool sqlite = m_server.database().dialect() == Server::SqlDialect::Sqlite;
    if (sqlite) {
        QVERIFY(runSql(QStringLiteral(
            "CREATE TRIGGER refuse_marked BEFORE INSERT ON messages WHEN NEW.content = "
            "'refused by the database' BEGIN SELECT RAISE(ABORT, 'refused'); END")));
    } else {
        QVERIFY(runSql(QStringLiteral(
            "CREATE FUNCTION refuse_marked() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF "
            "NEW.content = 'refused by the database' THEN RAISE EXCEPTION 'refused'; END IF; "
            "RETURN NEW; END $$")));
        QVERIFY(runSql(QStringLiteral("CREATE TRIGGER refuse_marked BEFORE INSERT ON messages "
                                      "FOR EACH ROW EXECUTE FUNCTION refuse_marked()")));
    }
    const qint64 largestBefore = writer().largestBatch();

    WorkerBlock block(database());
    QVERIFY(block.waitUntilHeld());
    ParallelPoster poster(m_server.httpUrl());
    const int lead =
        poster.post(messagesPath(m_ab), messageBody(QStringLiteral("lead")), m_alice.accessToken);
    QTRY_VERIFY_WITH_TIMEOUT(writer().isWriting(), 15000);
    const int before = poster.post(
        messagesPath(m_ab), messageBody(QStringLiteral("before it")), m_alice.accessToken);
    const int refused = poster.post(messagesPath(m_ab),
        messageBody(QStringLiteral("refused by the database")), m_bob.accessToken);
    const int after =
        poster.post(messagesPath(m_ab), messageBody(QStringLiteral("after it")), m_bob.accessToken);
    QTRY_COMPARE_WITH_TIMEOUT(writer().queuedCount(), 3, 15000);
    block.release();
    QVERIFY(poster.waitForAll());
    QVERIFY(writer().largestBatch() >= qMax<qint64>(3, largestBefore));

    QCOMPARE(poster.reply(lead).status, 201);
    QCOMPARE(poster.reply(before).status, 201);
    QCOMPARE(poster.reply(refused).status, 500);
    QCOMPARE(poster.reply(refused).errorCode(), QStringLiteral("internal_error"));
    QCOMPARE(poster.reply(after).status, 201);
    const QStringList stored = contents(m_alice, m_ab);
    QVERIFY(stored.contains(QStringLiteral("before it")));
    QVERIFY(stored.contains(QStringLiteral("after it")));
    QVERIFY(!stored.contains(QStringLiteral("refused by the database")));
    for (int i = 0; i < 3; ++i)
        QVERIFY(!m_bobWs.waitFor(QStringLiteral("MESSAGE_CREATED")).isEmpty());
    QVERIFY(m_bobWs.staysSilent(QStringLiteral("MESSAGE_CREATED"), 300));

    QVERIFY(runSql(QStringLiteral("DROP TRIGGER refuse_marked")
        + (sqlite ? QString() : QStringLiteral(" ON messages"))));
}

void TestGroupCommit::aBatchHoldsAtMostTheCap()
{
    constexpr int kQueued = Server::MessageWriter::kMaxBatchSize + 44;
    const qint64 batchesBefore = writer().batchesWritten();
    WorkerBlock block(database());
    QVERIFY(block.waitUntilHeld());
    // Enough managers that every request is in flight at once (six connections each).
    ParallelPoster poster(m_server.httpUrl(), kQueued / 6 + 2);
    poster.post(messagesPath(m_ab), messageBody(QStringLiteral("ahead")), m_alice.accessToken);
    QTRY_VERIFY_WITH_TIMEOUT(writer().isWriting(), 15000);
    for (int i = 0; i < kQueued; ++i) {
        poster.post(messagesPath(m_ab), messageBody(QStringLiteral("capped %1").arg(i)),
            i % 2 ? m_alice.accessToken : m_bob.accessToken);
    }
    QTRY_COMPARE_WITH_TIMEOUT(writer().queuedCount(), kQueued, 30000);
    block.release();
    QVERIFY(poster.waitForAll());
    for (int i = 0; i < poster.count(); ++i)
        QCOMPARE(poster.reply(i).status, 201);
    // One lone message, then the queue in two batches: the cap, and the rest.
    QCOMPARE(writer().batchesWritten(), batchesBefore + 3);
    QCOMPARE(writer().largestBatch(), Server::MessageWriter::kMaxBatchSize);
    for (int i = 0; i < kQueued + 1; ++i)
        QVERIFY(!m_bobWs.waitFor(QStringLiteral("MESSAGE_CREATED")).isEmpty());
}

void TestGroupCommit::sendsQueuedAtShutdownAreStored()
{
    WorkerBlock block(database());
    QVERIFY(block.waitUntilHeld());
    ParallelPoster poster(m_server.httpUrl());
    QStringList sent;
    for (int i = 0; i < 6; ++i) {
        sent << QStringLiteral("late %1").arg(i);
        poster.post(messagesPath(m_abc), messageBody(sent.last()), m_carol.accessToken);
        if (i == 0)
            QTRY_VERIFY_WITH_TIMEOUT(writer().isWriting(), 15000);
    }
    QTRY_COMPARE_WITH_TIMEOUT(writer().queuedCount(), 5, 15000);
    // The server stops while one batch is being written and five sends wait for the next:
    // the queued ones are written before the database closes, as queued jobs always were.
    block.release();
    m_server.server().shutdown();
    // Whatever the senders were told, a 201 is never a lie.
    QVERIFY(poster.waitForAll());

    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    const QStringList stored = contents(m_carol, m_abc);
    for (const QString &content : std::as_const(sent))
        QVERIFY2(stored.contains(content), qPrintable(content));
    for (int i = 0; i < poster.count(); ++i)
        QVERIFY(poster.reply(i).status == 201 || poster.reply(i).status == 0
            || poster.reply(i).status == 503);
}

QTEST_GUILESS_MAIN(TestGroupCommit)
#include "tst_groupcommit.moc"
