// GET /api/admin/stats over real HTTP: only the administrator may read it, and the message
// commit measurements follow the messages really posted.
#include "tests/support/parallelposter.h"
#include "tests/support/testserver.h"
#include "tests/support/wsprobe.h"

#include <QJsonArray>
#include <QTest>

using namespace Confab;
using namespace Confab::Testing;

namespace {

struct Latencies
{
    qint64 count = 0;
    double p50 = 0, p95 = 0, p99 = 0, max = 0;
    qint64 bucketSum = 0;
};

Latencies latenciesOf(const QJsonObject &json)
{
    Latencies read;
    read.count = json.value(QStringLiteral("count")).toInteger(-1);
    read.p50 = json.value(QStringLiteral("p50Ms")).toDouble(-1);
    read.p95 = json.value(QStringLiteral("p95Ms")).toDouble(-1);
    read.p99 = json.value(QStringLiteral("p99Ms")).toDouble(-1);
    read.max = json.value(QStringLiteral("maxMs")).toDouble(-1);
    for (const QJsonValue &bucket : json.value(QStringLiteral("buckets")).toArray())
        read.bucketSum += bucket[QStringLiteral("count")].toInteger();
    return read;
}

} // namespace

class TestAdminStats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void onlyTheAdministratorReadsStats();
    void aFreshServerHasMeasuredNothing();
    void connectionsAreCounted();
    void postedMessagesAreMeasured();
    void parallelPostsShareTransactions();
    void repeatedClientIdsAreNotStoredTwice();

private:
    QJsonObject stats();
    QJsonObject commits() { return stats().value(QStringLiteral("messageCommits")).toObject(); }
    QString messagesPath() const
    {
        return QStringLiteral("/api/conversations/%1/messages").arg(m_group);
    }

    TestServer m_server;
    std::unique_ptr<ApiClient> m_client;
    TestUser m_admin, m_member;
    qint64 m_group = 0;
};

void TestAdminStats::initTestCase()
{
    QString error;
    QVERIFY2(
        startWithUsers(m_server, m_client,
            {{QStringLiteral("founder"), &m_admin}, {QStringLiteral("member"), &m_member}}, &error),
        qPrintable(error));
}

QJsonObject TestAdminStats::stats()
{
    const ApiReply reply = m_client->get(QStringLiteral("/api/admin/stats"), m_admin.accessToken);
    if (reply.status != 200) {
        qWarning() << "stats answered" << reply.status << reply.body;
        return {};
    }
    return reply.json;
}

void TestAdminStats::onlyTheAdministratorReadsStats()
{
    const ApiReply member = m_client->get(QStringLiteral("/api/admin/stats"), m_member.accessToken);
    QCOMPARE(member.status, 403);
    QCOMPARE(member.errorCode(), QStringLiteral("not_server_admin"));
    QVERIFY(!member.json[QStringLiteral("error")][QStringLiteral("message")].toString().isEmpty());
    QVERIFY(!member.json.contains(QStringLiteral("messageCommits")));

    const ApiReply anonymous = m_client->get(QStringLiteral("/api/admin/stats"));
    QCOMPARE(anonymous.status, 401);
    QVERIFY(!anonymous.errorCode().isEmpty());

    const ApiReply admin = m_client->get(QStringLiteral("/api/admin/stats"), m_admin.accessToken);
    QCOMPARE(admin.status, 200);
    QVERIFY(admin.json.value(QStringLiteral("uptimeSeconds")).toDouble(-1) >= 0);
    QVERIFY(admin.json.value(QStringLiteral("connections")).isObject());
    QVERIFY(admin.json.value(QStringLiteral("messageCommits")).isObject());
}

void TestAdminStats::aFreshServerHasMeasuredNothing()
{
    const QJsonObject commits = this->commits();
    QCOMPARE(commits.value(QStringLiteral("messagesStored")).toInteger(-1), qint64(0));
    for (const QString &name : {QStringLiteral("transactions"), QStringLiteral("messages")}) {
        const QJsonObject latencies = commits.value(name).toObject();
        QCOMPARE(latencies.value(QStringLiteral("count")).toInteger(-1), qint64(0));
        QCOMPARE(latencies.value(QStringLiteral("p99Ms")).toDouble(-1), 0.0);
        QCOMPARE(latencies.value(QStringLiteral("maxMs")).toDouble(-1), 0.0);
        QCOMPARE(latencies.value(QStringLiteral("buckets")).toArray().size(), qsizetype(0));
    }
}

void TestAdminStats::connectionsAreCounted()
{
    const QJsonObject before = stats().value(QStringLiteral("connections")).toObject();
    QCOMPARE(before.value(QStringLiteral("open")).toInteger(-1), qint64(0));
    QCOMPARE(before.value(QStringLiteral("usersOnline")).toInteger(-1), qint64(0));
    {
        WsProbe first, second;
        QVERIFY(first.openReady(m_server.wsUrl(), m_member.accessToken));
        QVERIFY(second.openReady(m_server.wsUrl(), m_member.accessToken));
        const QJsonObject open = stats().value(QStringLiteral("connections")).toObject();
        QCOMPARE(open.value(QStringLiteral("open")).toInteger(-1), qint64(2));
        QCOMPARE(open.value(QStringLiteral("usersOnline")).toInteger(-1), qint64(1));
    }
    // The hub hears of the closes from the connection threads.
    QTRY_COMPARE_WITH_TIMEOUT(stats()
                                  .value(QStringLiteral("connections"))
                                  .toObject()
                                  .value(QStringLiteral("open"))
                                  .toInteger(-1),
        qint64(0), 30000);
}

void TestAdminStats::postedMessagesAreMeasured()
{
    const ApiReply group = m_client->post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"), QJsonArray {m_member.id}},
            {QStringLiteral("title"), QStringLiteral("stats")}},
        m_admin.accessToken);
    QCOMPARE(group.status, 201);
    m_group = group.json.value(QStringLiteral("id")).toInteger();
    const QJsonObject before = commits();
    constexpr int kMessages = 12;
    for (int i = 0; i < kMessages; ++i) {
        const ApiReply sent = m_client->post(messagesPath(),
            {{QStringLiteral("content"), QStringLiteral("one by one %1").arg(i)}},
            (i % 2 ? m_member : m_admin).accessToken);
        QCOMPARE(sent.status, 201);
    }
    // Every sender is answered after its commit was measured: no waiting needed.
    const QJsonObject after = commits();
    QCOMPARE(after.value(QStringLiteral("messagesStored")).toInteger()
            - before.value(QStringLiteral("messagesStored")).toInteger(),
        qint64(kMessages));
    const Latencies messagesBefore =
        latenciesOf(before.value(QStringLiteral("messages")).toObject());
    const Latencies messages = latenciesOf(after.value(QStringLiteral("messages")).toObject());
    const Latencies transactionsBefore =
        latenciesOf(before.value(QStringLiteral("transactions")).toObject());
    const Latencies transactions =
        latenciesOf(after.value(QStringLiteral("transactions")).toObject());
    QCOMPARE(messages.count - messagesBefore.count, qint64(kMessages));
    // Sent one at a time, each message had a transaction of its own.
    QCOMPARE(transactions.count - transactionsBefore.count, qint64(kMessages));
    for (const Latencies &latencies : {messages, transactions}) {
        QCOMPARE(latencies.bucketSum, latencies.count);
        QVERIFY(latencies.p50 > 0);
        QVERIFY(latencies.p50 <= latencies.p95);
        QVERIFY(latencies.p95 <= latencies.p99);
        QVERIFY(latencies.p99 <= latencies.max);
    }
    // A message waits for its transaction and more.
    QVERIFY(messages.max >= transactions.p50);
}

void TestAdminStats::parallelPostsShareTransactions()
{
    QVERIFY(m_group > 0);
    const QJsonObject before = commits();
    constexpr int kMessages = 60;
    ParallelPoster poster(m_server.httpUrl());
    for (int i = 0; i < kMessages; ++i) {
        poster.post(messagesPath(),
            {{QStringLiteral("content"), QStringLiteral("together %1").arg(i)}},
            (i % 2 ? m_member : m_admin).accessToken);
    }
    QVERIFY(poster.waitForAll(120000));
    for (int i = 0; i < kMessages; ++i)
        QCOMPARE(poster.reply(i).status, 201);
    const QJsonObject after = commits();
    QCOMPARE(after.value(QStringLiteral("messagesStored")).toInteger()
            - before.value(QStringLiteral("messagesStored")).toInteger(),
        qint64(kMessages));
    const qint64 messages = latenciesOf(after.value(QStringLiteral("messages")).toObject()).count
        - latenciesOf(before.value(QStringLiteral("messages")).toObject()).count;
    const qint64 transactions =
        latenciesOf(after.value(QStringLiteral("transactions")).toObject()).count
        - latenciesOf(before.value(QStringLiteral("transactions")).toObject()).count;
    QCOMPARE(messages, qint64(kMessages));
    QVERIFY2(
        transactions >= 1 && transactions <= kMessages, qPrintable(QString::number(transactions)));
    const Latencies all = latenciesOf(after.value(QStringLiteral("transactions")).toObject());
    QCOMPARE(all.bucketSum, all.count);
}

void TestAdminStats::repeatedClientIdsAreNotStoredTwice()
{
    QVERIFY(m_group > 0);
    const QJsonObject before = commits();
    const QJsonObject body {{QStringLiteral("content"), QStringLiteral("once")},
        {QStringLiteral("clientMessageId"), QStringLiteral("stats-retry")}};
    QCOMPARE(m_client->post(messagesPath(), body, m_admin.accessToken).status, 201);
    QCOMPARE(m_client->post(messagesPath(), body, m_admin.accessToken).status, 200);
    const QJsonObject after = commits();
    // Both sends waited and were measured; only the first stored a message.
    QCOMPARE(after.value(QStringLiteral("messagesStored")).toInteger()
            - before.value(QStringLiteral("messagesStored")).toInteger(),
        qint64(1));
    QCOMPARE(latenciesOf(after.value(QStringLiteral("messages")).toObject()).count
            - latenciesOf(before.value(QStringLiteral("messages")).toObject()).count,
        qint64(2));
}

QTEST_GUILESS_MAIN(TestAdminStats)
#include "tst_adminstats.moc"
