// Requests still under way when their client goes: destroying an ApiClient (or the Session
// owning it) aborts them and every awaiting coroutine finishes with `cancelled` at once; stores
// that outlive their session fail in place, and stores destroyed mid-request leave nothing
// suspended. Silent requests go to a server that accepts connections and never answers; the
// rest to a real server on 127.0.0.1.
#include "app/core/apiclient.h"
#include "app/core/conversationstore.h"
#include "app/core/httptransport.h"
#include "app/core/memorysecretstore.h"
#include "app/core/messagestore.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"
#include "tests/client/clienttesthelpers.h"
#include "tests/client/holdingrelay.h"
#include "tests/client/silentserver.h"
#include "tests/support/testserver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Confab;
using namespace Confab::Client;
using namespace Confab::Testing;

namespace {

/// What became of one awaited call.
struct Outcome
{
    bool finished = false;
    QString errorCode; ///< empty when the call succeeded
};

/// Awaits `task` as a caller would and notes how it ended; the returned task may be dropped.
template<typename T>
QCoro::Task<> record(QCoro::Task<Result<T>> task, std::shared_ptr<Outcome> outcome)
{
    const Result<T> result = co_await task;
    outcome->finished = true;
    outcome->errorCode = result ? QString() : result.error().code;
}

/// A caller that, told its request was cancelled, asks for another one at once: while the
/// transport is being destroyed, that one must end as well (without being sent).
QCoro::Task<> askAgainWhenRefused(
    HttpTransport *transport, std::shared_ptr<Outcome> first, std::shared_ptr<Outcome> second)
{
    auto task = transport->request(QByteArrayLiteral("GET"), QStringLiteral("/api/users/me"),
        QUrlQuery(), std::nullopt, QString());
    const Result<QJsonObject> reply = co_await task;
    first->finished = true;
    first->errorCode = reply ? QString() : reply.error().code;
    auto again = transport->request(QByteArrayLiteral("GET"), QStringLiteral("/api/users/me"),
        QUrlQuery(), std::nullopt, QString());
    const Result<QJsonObject> retried = co_await again;
    second->finished = true;
    second->errorCode = retried ? QString() : retried.error().code;
}

LoginRequest loginRequest()
{
    LoginRequest request;
    request.username = QStringLiteral("alice");
    request.password = QStringLiteral("correct horse");
    return request;
}

const QString kCancelled = QStringLiteral("cancelled");

} // namespace

class TestRequestCancellation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void destroyingTheClientCancelsItsRequests();
    void aRequestAskedForDuringTeardownIsNotSent();
    void storesOutlivingTheirSessionFailInPlace();
    void storesDestroyedMidRequestLeaveNothingWaiting();
    void storesDestroyedBeforeASilentServerAnswers();
    void callersWaitingForARenewalFinishWhenTheSessionGoes();
    void theEventStreamStopsWhenItsSessionGoesMidRenewal();
    void cleanupTestCase();

private:
    TestServer m_server;
    std::unique_ptr<Testing::ApiClient> m_http;
    TestUser m_alice, m_bob;
    qint64 m_direct = 0;
    qint64 m_aliceMessage = 0;
    MemorySecretStore m_secrets;
};

void TestRequestCancellation::initTestCase()
{
    QString error;
    QVERIFY2(startWithUsers(m_server, m_http,
                 {{QStringLiteral("alice"), &m_alice}, {QStringLiteral("bob"), &m_bob}}, &error),
        qPrintable(error));
    const ApiReply created = m_http->post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"), QJsonArray {m_bob.id}}}, m_alice.accessToken);
    QCOMPARE(created.status, 201);
    m_direct = created.json.value(QStringLiteral("id")).toInteger();
    const ApiReply posted =
        m_http->post(QStringLiteral("/api/conversations/%1/messages").arg(m_direct),
            {{QStringLiteral("content"), QStringLiteral("first")}}, m_alice.accessToken);
    QCOMPARE(posted.status, 201);
    m_aliceMessage = posted.json.value(QStringLiteral("id")).toInteger();
}

void TestRequestCancellation::cleanupTestCase()
{
    m_http.reset();
}

void TestRequestCancellation::destroyingTheClientCancelsItsRequests()
{
    SilentServer silent;
    QVERIFY(silent.listen());
    auto *api = new Client::ApiClient(silent.url());

    // One call of each kind: anonymous, with a bearer token, an upload and a download.
    QList<std::shared_ptr<Outcome>> outcomes;
    for (int i = 0; i < 5; ++i)
        outcomes.append(std::make_shared<Outcome>());
    record(api->login(loginRequest()), outcomes[0]);
    record(api->conversations(), outcomes[1]);
    record(api->messages(m_direct, MessageQuery()), outcomes[2]);
    record(api->uploadAvatar(QByteArray(512, 'x'), QByteArrayLiteral("image/png")), outcomes[3]);
    record(api->avatar(QStringLiteral("/api/users/1/avatar?v=1")), outcomes[4]);

    QTRY_COMPARE_WITH_TIMEOUT(silent.requestsReceived(), 5, 10000);
    QCOMPARE(api->transport().requestsUnderWay(), 5);
    for (const std::shared_ptr<Outcome> &outcome : std::as_const(outcomes))
        QVERIFY(!outcome->finished);

    delete api;
    // Every caller has resumed before the destructor returned, with the same clear answer.
    for (const std::shared_ptr<Outcome> &outcome : std::as_const(outcomes)) {
        QVERIFY(outcome->finished);
        QCOMPARE(outcome->errorCode, kCancelled);
    }
    // And the connections were really given up.
    QTRY_COMPARE_WITH_TIMEOUT(silent.openConnections(), 0, 10000);
}

void TestRequestCancellation::aRequestAskedForDuringTeardownIsNotSent()
{
    SilentServer silent;
    QVERIFY(silent.listen());
    auto *transport = new HttpTransport(silent.url());
    auto first = std::make_shared<Outcome>();
    auto second = std::make_shared<Outcome>();
    askAgainWhenRefused(transport, first, second);
    QTRY_COMPARE_WITH_TIMEOUT(silent.requestsReceived(), 1, 10000);

    delete transport;
    QVERIFY(first->finished);
    QCOMPARE(first->errorCode, kCancelled);
    QVERIFY(second->finished);
    QCOMPARE(second->errorCode, kCancelled);
    QTRY_COMPARE_WITH_TIMEOUT(silent.openConnections(), 0, 10000);
    QCOMPARE(silent.requestsReceived(), 1);
}

void TestRequestCancellation::storesOutlivingTheirSessionFailInPlace()
{
    auto session = std::make_unique<Session>(m_server.httpUrl(), &m_secrets);
    QVERIFY(await(session->signIn(QStringLiteral("alice"), QStringLiteral("correct horse"))));
    ConversationStore conversations(session.get(), nullptr);
    MessageStore messages(m_direct, session.get(), nullptr);
    messages.open();
    QTRY_VERIFY_WITH_TIMEOUT(messages.isLoaded(), 10000);
    QCOMPARE(messages.count(), 1);

    QSignalSpy listFailed(&conversations, &ConversationStore::loadFailed);
    QSignalSpy pageFailed(&messages, &MessageStore::loadFailed);
    QSignalSpy actionFailed(&messages, &MessageStore::actionFailed);
    conversations.load();
    const QString pending = messages.send(QStringLiteral("on its way"));
    messages.edit(m_aliceMessage, QStringLiteral("edited"));
    messages.catchUp();
    QVERIFY(conversations.isLoading());
    QCOMPARE(session->api().transport().requestsUnderWay(), 4);

    session.reset(); // its ApiClient goes with it, requests and all

    QVERIFY(!conversations.isLoading());
    QCOMPARE(listFailed.size(), 1);
    QCOMPARE(listFailed.at(0).at(0).value<Error>().code, kCancelled);
    const int row = messages.rowOfClientMessageId(pending);
    QVERIFY(row >= 0);
    QCOMPARE(messages.at(row).state, MessageItem::State::Failed);
    QCOMPARE(messages.at(row).error.code, kCancelled);
    QCOMPARE(actionFailed.size(), 1);
    QCOMPARE(actionFailed.at(0).at(0).toLongLong(), m_aliceMessage);
    QCOMPARE(actionFailed.at(0).at(1).value<Error>().code, kCancelled);
    QVERIFY(!pageFailed.isEmpty());
    QCOMPARE(pageFailed.at(0).at(0).value<Error>().code, kCancelled);
    QCOMPARE(messages.at(0).message.content, QStringLiteral("first")); // nothing held was lost

    // Without a session, what the user asks for fails the same way instead of crashing.
    conversations.load();
    QVERIFY(!conversations.isLoading());
    messages.retry(pending);
    QCOMPARE(messages.at(row).state, MessageItem::State::Failed);
    messages.remove(m_aliceMessage);
    QCOMPARE(actionFailed.size(), 2);
    QCOMPARE(actionFailed.at(1).at(1).value<Error>().code, kCancelled);
    QVERIFY(!messages.at(0).message.deletedAt.isValid());
}

void TestRequestCancellation::storesDestroyedMidRequestLeaveNothingWaiting()
{
    Session session(m_server.httpUrl(), &m_secrets);
    QVERIFY(await(session.signIn(QStringLiteral("alice"), QStringLiteral("correct horse"))));
    auto conversations = std::make_unique<ConversationStore>(&session, nullptr);
    auto messages = std::make_unique<MessageStore>(m_direct, &session, nullptr);
    conversations->load();
    messages->open();
    messages->send(QStringLiteral("sent by a closing window"));
    QCOMPARE(session.api().transport().requestsUnderWay(), 3);

    conversations.reset();
    messages.reset();
    // The server still answers; each reply resumes a coroutine whose store is gone.
    QTRY_COMPARE_WITH_TIMEOUT(session.api().transport().requestsUnderWay(), 0, 10000);

    // The message did go out, and the session goes on working.
    const ApiReply page = m_http->get(
        QStringLiteral("/api/conversations/%1/messages").arg(m_direct), m_alice.accessToken);
    QCOMPARE(page.status, 200);
    QVERIFY(page.body.contains("sent by a closing window"));
    const Result<QList<Conversation>> list = await(session.api().conversations());
    QVERIFY(list);
    QCOMPARE(list->size(), 1);
}

void TestRequestCancellation::storesDestroyedBeforeASilentServerAnswers()
{
    SilentServer silent;
    QVERIFY(silent.listen());
    auto session = std::make_unique<Session>(silent.url(), &m_secrets);
    auto conversations = std::make_unique<ConversationStore>(session.get(), nullptr);
    auto messages = std::make_unique<MessageStore>(m_direct, session.get(), nullptr);
    conversations->load();
    messages->open();
    messages->send(QStringLiteral("never answered"));
    QTRY_COMPARE_WITH_TIMEOUT(silent.requestsReceived(), 3, 10000);

    // The window closes first (its stores go), then the session: nothing waits any longer.
    conversations.reset();
    messages.reset();
    QCOMPARE(session->api().transport().requestsUnderWay(), 3);
    auto outcome = std::make_shared<Outcome>();
    record(session->api().me(), outcome);
    QTRY_COMPARE_WITH_TIMEOUT(silent.requestsReceived(), 4, 10000);
    session.reset();
    QVERIFY(outcome->finished);
    QCOMPARE(outcome->errorCode, kCancelled);
    QTRY_COMPARE_WITH_TIMEOUT(silent.openConnections(), 0, 10000);
}

void TestRequestCancellation::callersWaitingForARenewalFinishWhenTheSessionGoes()
{
    // A real sign-in whose access token is then spoiled: the server refuses it with 401, and
    // the renewal the session starts is held on its way to the server.
    Client::ApiClient direct(m_server.httpUrl());
    const Result<AuthResponse> signedIn = await(direct.login(loginRequest()));
    QVERIFY(signedIn);
    AuthResponse tokens = *signedIn;
    tokens.accessToken = QStringLiteral("spoiled");
    HoldingRelay relay(m_server.httpUrl(), QByteArrayLiteral("POST /api/auth/refresh "));
    QVERIFY(relay.listen());
    auto session = std::make_unique<Session>(relay.url(), &m_secrets);
    session->setRefreshBeforeExpiry(false);
    QVERIFY(await(session->adoptSignIn(tokens)));

    // Both calls are refused; one renews the token, the other waits for that renewal.
    auto renewing = std::make_shared<Outcome>();
    auto waiting = std::make_shared<Outcome>();
    record(session->api().conversations(), renewing);
    record(session->api().me(), waiting);
    QTRY_COMPARE_WITH_TIMEOUT(relay.heldRequests(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(session->api().transport().requestsUnderWay(), 1, 10000);
    QVERIFY(!renewing->finished);
    QVERIFY(!waiting->finished);

    session.reset();
    QVERIFY(renewing->finished);
    QCOMPARE(renewing->errorCode, kCancelled);
    QTRY_VERIFY_WITH_TIMEOUT(waiting->finished, 10000);
    QCOMPARE(waiting->errorCode, kCancelled);
}

void TestRequestCancellation::theEventStreamStopsWhenItsSessionGoesMidRenewal()
{
    // A token about to expire: before connecting, the event stream has the session renew it,
    // and that renewal is held on its way to the server.
    Client::ApiClient direct(m_server.httpUrl());
    const Result<AuthResponse> signedIn = await(direct.login(loginRequest()));
    QVERIFY(signedIn);
    AuthResponse tokens = *signedIn;
    tokens.expiresIn = 5;
    HoldingRelay relay(m_server.httpUrl(), QByteArrayLiteral("POST /api/auth/refresh "));
    QVERIFY(relay.listen());
    auto session = std::make_unique<Session>(relay.url(), &m_secrets);
    session->setRefreshBeforeExpiry(false);
    QVERIFY(await(session->adoptSignIn(tokens)));
    RealtimeClient realtime(session.get());
    realtime.start();
    QTRY_COMPARE_WITH_TIMEOUT(relay.heldRequests(), 1, 10000);
    QCOMPARE(realtime.state(), RealtimeClient::State::Connecting);

    session.reset();
    QCOMPARE(realtime.state(), RealtimeClient::State::Disconnected);
    // Starting again without a session does nothing rather than touch it.
    realtime.start();
    QCOMPARE(realtime.state(), RealtimeClient::State::Disconnected);
}

QTEST_MAIN(TestRequestCancellation)
#include "tst_requestcancellation.moc"
