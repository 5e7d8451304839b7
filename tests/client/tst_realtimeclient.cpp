// The client's RealtimeClient against a real server: READY, typed events caused by another
// real client, and reconnection after the server goes away and comes back on the same port.
#include "app/core/memorysecretstore.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"
#include "tests/client/clienttesthelpers.h"
#include "tests/support/testserver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Confab;
using namespace Confab::Client;
using namespace Confab::Testing;

using State = RealtimeClient::State;

class TestRealtimeClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void backoffGrowsAndIsCapped_data();
    void backoffGrowsAndIsCapped();
    void receivesEventsCausedByAnotherClient();
    void reconnectsAfterTheServerRestarts();
    void stopDisconnects();
    void cleanupTestCase();

private:
    TestServer m_server;
    std::unique_ptr<Testing::ApiClient> m_http;
    TestUser m_alice, m_bob;
    MemorySecretStore m_secrets;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<RealtimeClient> m_realtime;
    qint64 m_conversation = 0;
};

void TestRealtimeClient::initTestCase()
{
    QString error;
    QVERIFY2(startWithUsers(m_server, m_http,
                 {{QStringLiteral("alice"), &m_alice}, {QStringLiteral("bob"), &m_bob}}, &error),
        qPrintable(error));
    m_session = std::make_unique<Session>(m_server.httpUrl(), &m_secrets);
    QVERIFY(await(m_session->signIn(QStringLiteral("alice"), QStringLiteral("correct horse"))));
    m_realtime = std::make_unique<RealtimeClient>(m_session.get());
    m_realtime->setBackoff(std::chrono::milliseconds(100), std::chrono::milliseconds(800));
}

void TestRealtimeClient::backoffGrowsAndIsCapped_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<int>("ceiling");
    QTest::newRow("first") << 0 << 100;
    QTest::newRow("second") << 1 << 200;
    QTest::newRow("third") << 2 << 400;
    QTest::newRow("capped") << 3 << 800;
    QTest::newRow("still capped") << 30 << 800;
}

void TestRealtimeClient::backoffGrowsAndIsCapped()
{
    QFETCH(int, attempt);
    QFETCH(int, ceiling);
    QSet<qint64> seen;
    for (int i = 0; i < 50; ++i) {
        const qint64 delay = m_realtime->retryDelay(attempt).count();
        QVERIFY2(delay >= ceiling / 2 && delay <= ceiling, qPrintable(QString::number(delay)));
        seen.insert(delay);
    }
    QVERIFY2(seen.size() > 1, "the delay has no jitter");
}

void TestRealtimeClient::receivesEventsCausedByAnotherClient()
{
    QSignalSpy states(m_realtime.get(), &RealtimeClient::stateChanged);
    QSignalSpy ready(m_realtime.get(), &RealtimeClient::ready);
    m_realtime->start();
    QCOMPARE(m_realtime->state(), State::Connecting);
    QVERIFY(ready.wait());
    QCOMPARE(ready.first().first().value<User>().id, m_alice.id);
    QCOMPARE(m_realtime->state(), State::Connected);
    QCOMPARE(states.last().first().value<State>(), State::Connected);

    QSignalSpy conversations(m_realtime.get(), &RealtimeClient::conversationCreated);
    const Testing::ApiReply created = m_http->post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"), QJsonArray {m_alice.id}}}, m_bob.accessToken);
    QCOMPARE(created.status, 201);
    m_conversation = created.json.value(QStringLiteral("id")).toInteger();
    QTRY_COMPARE(conversations.count(), 1);
    QCOMPARE(conversations.first().first().value<Conversation>().id, m_conversation);

    QSignalSpy messages(m_realtime.get(), &RealtimeClient::messageCreated);
    const Testing::ApiReply sent =
        m_http->post(QStringLiteral("/api/conversations/%1/messages").arg(m_conversation),
            {{QStringLiteral("content"), QStringLiteral("hi alice")}}, m_bob.accessToken);
    QCOMPARE(sent.status, 201);
    QTRY_COMPARE(messages.count(), 1);
    const Message message = messages.first().first().value<Message>();
    QCOMPARE(message.content, QStringLiteral("hi alice"));
    QCOMPARE(message.senderId, m_bob.id);
    QCOMPARE(message.conversationId, m_conversation);
}

void TestRealtimeClient::reconnectsAfterTheServerRestarts()
{
    QCOMPARE(m_realtime->state(), State::Connected);
    QSignalSpy ready(m_realtime.get(), &RealtimeClient::ready);
    m_server.stop();
    QTRY_COMPARE(m_realtime->state(), State::Reconnecting);
    QTest::qWait(1000); // several attempts fail while nothing listens
    QCOMPARE(m_realtime->state(), State::Reconnecting);
    QCOMPARE(ready.count(), 0);

    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(m_realtime->state(), State::Connected, 10000);
    QCOMPARE(ready.count(), 1);

    // Events flow on the new connection.
    QSignalSpy messages(m_realtime.get(), &RealtimeClient::messageCreated);
    const Testing::ApiReply sent =
        m_http->post(QStringLiteral("/api/conversations/%1/messages").arg(m_conversation),
            {{QStringLiteral("content"), QStringLiteral("welcome back")}}, m_bob.accessToken);
    QCOMPARE(sent.status, 201);
    QTRY_COMPARE(messages.count(), 1);
    QCOMPARE(messages.first().first().value<Message>().content, QStringLiteral("welcome back"));
}

void TestRealtimeClient::stopDisconnects()
{
    m_realtime->stop();
    QCOMPARE(m_realtime->state(), State::Disconnected);
    QSignalSpy messages(m_realtime.get(), &RealtimeClient::messageCreated);
    const Testing::ApiReply sent =
        m_http->post(QStringLiteral("/api/conversations/%1/messages").arg(m_conversation),
            {{QStringLiteral("content"), QStringLiteral("nobody listens")}}, m_bob.accessToken);
    QCOMPARE(sent.status, 201);
    QTest::qWait(300);
    QCOMPARE(messages.count(), 0);
    QCOMPARE(m_realtime->state(), State::Disconnected);
}

void TestRealtimeClient::cleanupTestCase()
{
    m_realtime.reset();
    m_session.reset();
}

QTEST_GUILESS_MAIN(TestRealtimeClient)
#include "tst_realtimeclient.moc"
