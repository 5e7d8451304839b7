// The client's ApiClient and Session against a real server: sign-in, errors, token refresh
// (before expiry and after a 401), sign-out, restore from the secret store.
#include "app/core/apiclient.h"
#include "app/core/keychainsecretstore.h"
#include "app/core/memorysecretstore.h"
#include "app/core/session.h"
#include "tests/client/clienttesthelpers.h"
#include "tests/support/testserver.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Confab;
using namespace Confab::Client;
using namespace Confab::Testing;

namespace {
const QString kPassword = QStringLiteral("correct horse");
constexpr std::chrono::seconds kTokenLifetime {2};
} // namespace

class TestSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signInGivesUserAndStoresRefreshToken();
    void wrongPasswordGivesTheServersMessage();
    void unreachableServerIsATransportError();
    void typedCallsRoundTrip();
    void refreshesBeforeExpiry();
    void retriesOnceAfterUnauthorized();
    void concurrentRejectionsRefreshOnce();
    void signOutRevokesTheRefreshToken();
    void restoresFromTheSecretStore();
    void refusedRefreshSignsOut();
    void keychainStoresOrSaysItIsUnavailable();

private:
    TestUser newUser(const QString &name);

    TestServer m_server;
    std::unique_ptr<Testing::ApiClient> m_testClient;
};

void TestSession::initTestCase()
{
    m_server.setAccessTokenLifetime(kTokenLifetime);
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_testClient = std::make_unique<Testing::ApiClient>(m_server.httpUrl());
}

TestUser TestSession::newUser(const QString &name)
{
    TestUser user = registerUser(*m_testClient, name);
    if (!user.id)
        qWarning() << "could not register" << name;
    return user;
}

void TestSession::signInGivesUserAndStoresRefreshToken()
{
    const TestUser alice = newUser(QStringLiteral("alice"));
    MemorySecretStore secrets;
    Session session(m_server.httpUrl(), &secrets);
    QSignalSpy signedIn(&session, &Session::signedIn);

    const Result<User> user = await(session.signIn(QStringLiteral("ALICE"), kPassword));
    QVERIFY2(user.ok(), qPrintable(user.ok() ? QString() : user.error().message));
    QCOMPARE(user->id, alice.id);
    QCOMPARE(user->username, QStringLiteral("alice"));
    QVERIFY(session.isSignedIn());
    QCOMPARE(session.user().id, alice.id);
    QCOMPARE(signedIn.count(), 1);
    QCOMPARE(secrets.peek(session.secretKey()).size(), 64);
    QCOMPARE(session.webSocketUrl(), m_server.wsUrl());

    const Result<User> me = await(session.api().me());
    QVERIFY(me.ok());
    QCOMPARE(me->id, alice.id);
}

void TestSession::wrongPasswordGivesTheServersMessage()
{
    newUser(QStringLiteral("bruno"));
    const Testing::ApiReply raw = m_testClient->post(QStringLiteral("/api/auth/login"),
        {{QStringLiteral("username"), QStringLiteral("bruno")},
            {QStringLiteral("password"), QStringLiteral("wrong password")}});
    QCOMPARE(raw.status, 401);
    const QString serverMessage = raw.json.value(QStringLiteral("error"))
                                      .toObject()
                                      .value(QStringLiteral("message"))
                                      .toString();
    QVERIFY(!serverMessage.isEmpty());

    MemorySecretStore secrets;
    Session session(m_server.httpUrl(), &secrets);
    const Result<User> user =
        await(session.signIn(QStringLiteral("bruno"), QStringLiteral("wrong password")));
    QVERIFY(!user.ok());
    QCOMPARE(user.error().code, QStringLiteral("invalid_credentials"));
    QCOMPARE(user.error().httpStatus, 401);
    QCOMPARE(user.error().message, serverMessage);
    QVERIFY(!session.isSignedIn());
    QVERIFY(secrets.peek(session.secretKey()).isEmpty());
}

void TestSession::unreachableServerIsATransportError()
{
    // A port that was just free: nothing listens there.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    MemorySecretStore secrets;
    Session session(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), &secrets);
    const Result<User> user = await(session.signIn(QStringLiteral("nobody"), kPassword));
    QVERIFY(!user.ok());
    QCOMPARE(user.error().code, QStringLiteral("unreachable"));
    QCOMPARE(user.error().message, QStringLiteral("Can't reach the server."));
    QCOMPARE(user.error().httpStatus, 0);
}

void TestSession::typedCallsRoundTrip()
{
    newUser(QStringLiteral("carla"));
    const TestUser dario = newUser(QStringLiteral("dario"));
    MemorySecretStore secrets;
    Session session(m_server.httpUrl(), &secrets);
    QVERIFY(await(session.signIn(QStringLiteral("carla"), kPassword)).ok());
    Client::ApiClient &api = session.api();

    const Result<QList<User>> found = await(api.searchUsers(QStringLiteral("dar")));
    QVERIFY(found.ok());
    QCOMPARE(found->size(), 1);
    QCOMPARE(found->first().id, dario.id);

    CreateConversationRequest create;
    create.participantIds = {dario.id};
    const Result<Conversation> created = await(api.createConversation(create));
    QVERIFY(created.ok());
    QCOMPARE(created->type, ConversationType::Direct);

    SendMessageRequest send;
    send.content = QStringLiteral("  hello  ");
    send.clientMessageId = QStringLiteral("cm-1");
    const Result<Message> sent = await(api.sendMessage(created->id, send));
    QVERIFY(sent.ok());
    QCOMPARE(sent->content, QStringLiteral("hello"));
    QCOMPARE(sent->clientMessageId, QStringLiteral("cm-1"));

    const Result<MessagePage> page = await(api.messages(created->id, {}));
    QVERIFY(page.ok());
    QCOMPARE(page->messages.size(), 1);
    QCOMPARE(page->messages.first().id, sent->id);
    QVERIFY(!page->hasMore);

    const Result<QList<Conversation>> list = await(api.conversations());
    QVERIFY(list.ok());
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().lastMessage->id, sent->id);

    const Result<Conversation> missing = await(api.conversation(999999));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, QStringLiteral("conversation_not_found"));
    QCOMPARE(missing.error().httpStatus, 404);

    MessageQuery both;
    both.before = 5;
    both.after = 1;
    const Result<MessagePage> invalid = await(api.messages(created->id, both));
    QVERIFY(!invalid.ok());
    QCOMPARE(invalid.error().code, QStringLiteral("invalid_query"));
}

void TestSession::refreshesBeforeExpiry()
{
    newUser(QStringLiteral("edith"));
    MemorySecretStore secrets;
    Session session(m_server.httpUrl(), &secrets);
    QVERIFY(await(session.signIn(QStringLiteral("edith"), kPassword)).ok());
    const QString firstAccess = session.accessToken();
    const QString firstRefresh = secrets.peek(session.secretKey());

    QSignalSpy changed(&session, &Session::accessTokenChanged);
    QSignalSpy signedIn(&session, &Session::signedIn);
    // The timer fires at 80 % of the 2 s lifetime, before the token expires.
    QVERIFY(changed.wait(std::chrono::milliseconds(kTokenLifetime).count()));
    QVERIFY(session.accessToken() != firstAccess);
    const QString secondRefresh = secrets.peek(session.secretKey());
    QCOMPARE(secondRefresh.size(), 64);
    QVERIFY(secondRefresh != firstRefresh);
    QCOMPARE(signedIn.count(), 0); // a refresh continues the session, it does not start one

    // Well past the first token's expiry, requests still work, with no 401 to recover from.
    QTest::qWait(1500);
    const Result<User> me = await(session.api().me());
    QVERIFY(me.ok());
    QVERIFY(session.isSignedIn());
}

void TestSession::retriesOnceAfterUnauthorized()
{
    newUser(QStringLiteral("fiona"));
    MemorySecretStore secrets;
    Session session(m_server.httpUrl(), &secrets);
    session.setRefreshBeforeExpiry(false);
    QVERIFY(await(session.signIn(QStringLiteral("fiona"), kPassword)).ok());
    const QString expired = session.accessToken();
    QTest::qWait(3100); // the token's whole-second expiry has surely passed

    QSignalSpy changed(&session, &Session::accessTokenChanged);
    const Result<User> me = await(session.api().me());
    QVERIFY2(me.ok(), qPrintable(me.ok() ? QString() : me.error().code));
    QCOMPARE(changed.count(), 1);
    QVERIFY(session.accessToken() != expired);
}

void TestSession::concurrentRejectionsRefreshOnce()
{
    newUser(QStringLiteral("gregor"));
    MemorySecretStore secrets;
    Session session(m_server.httpUrl(), &secrets);
    session.setRefreshBeforeExpiry(false);
    QVERIFY(await(session.signIn(QStringLiteral("gregor"), kPassword)).ok());
    QTest::qWait(3100);

    // Three requests fail with 401 together; sending the refresh token twice would make the
    // server revoke every session of the user, so exactly one refresh may happen.
    QSignalSpy changed(&session, &Session::accessTokenChanged);
    QSignalSpy signedOut(&session, &Session::signedOut);
    auto first = session.api().me();
    auto second = session.api().conversations();
    auto third = session.api().me();
    QVERIFY(await(std::move(first)).ok());
    QVERIFY(await(std::move(second)).ok());
    QVERIFY(await(std::move(third)).ok());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(signedOut.count(), 0);
    QVERIFY(session.isSignedIn());
}

void TestSession::signOutRevokesTheRefreshToken()
{
    newUser(QStringLiteral("hanna"));
    MemorySecretStore secrets;
    Session session(m_server.httpUrl(), &secrets);
    session.setRefreshBeforeExpiry(false);
    QVERIFY(await(session.signIn(QStringLiteral("hanna"), kPassword)).ok());
    const QString refreshToken = secrets.peek(session.secretKey());
    QVERIFY(!refreshToken.isEmpty());

    QSignalSpy signedOut(&session, &Session::signedOut);
    await(session.signOut());
    QCOMPARE(signedOut.count(), 1);
    QCOMPARE(signedOut.first().first().value<Error>().code, QStringLiteral("signed_out"));
    QVERIFY(!session.isSignedIn());
    QVERIFY(session.accessToken().isEmpty());
    QVERIFY(secrets.peek(session.secretKey()).isEmpty());

    const Testing::ApiReply refresh = m_testClient->post(
        QStringLiteral("/api/auth/refresh"), {{QStringLiteral("refreshToken"), refreshToken}});
    QCOMPARE(refresh.status, 401);
    QCOMPARE(refresh.errorCode(), QStringLiteral("invalid_refresh_token"));
}

void TestSession::restoresFromTheSecretStore()
{
    const TestUser ines = newUser(QStringLiteral("ines"));
    MemorySecretStore secrets;
    {
        Session first(m_server.httpUrl(), &secrets);
        first.setRefreshBeforeExpiry(false);
        QVERIFY(await(first.signIn(QStringLiteral("ines"), kPassword)).ok());
    } // the app quits; the refresh token stays in the store

    Session second(m_server.httpUrl(), &secrets);
    second.setRefreshBeforeExpiry(false);
    const Result<User> restored = await(second.restore());
    QVERIFY(restored.ok());
    QCOMPARE(restored->id, ines.id);
    QVERIFY(await(second.api().me()).ok());

    MemorySecretStore empty;
    Session third(m_server.httpUrl(), &empty);
    const Result<User> nothing = await(third.restore());
    QVERIFY(!nothing.ok());
    QCOMPARE(nothing.error().code, QStringLiteral("no_session"));
}

void TestSession::refusedRefreshSignsOut()
{
    newUser(QStringLiteral("jonas"));
    MemorySecretStore secrets;
    Session session(m_server.httpUrl(), &secrets);
    session.setRefreshBeforeExpiry(false);
    QVERIFY(await(session.signIn(QStringLiteral("jonas"), kPassword)).ok());
    // Someone else uses the refresh token first (as a thief would).
    const Testing::ApiReply stolen = m_testClient->post(QStringLiteral("/api/auth/refresh"),
        {{QStringLiteral("refreshToken"), secrets.peek(session.secretKey())}});
    QCOMPARE(stolen.status, 200);
    QTest::qWait(3100);

    QSignalSpy signedOut(&session, &Session::signedOut);
    const Result<User> me = await(session.api().me());
    QVERIFY(!me.ok());
    QCOMPARE(me.error().httpStatus, 401);
    QCOMPARE(signedOut.count(), 1);
    QCOMPARE(
        signedOut.first().first().value<Error>().code, QStringLiteral("invalid_refresh_token"));
    QVERIFY(!session.isSignedIn());
    QVERIFY(secrets.peek(session.secretKey()).isEmpty());
}

void TestSession::keychainStoresOrSaysItIsUnavailable()
{
    // With a Secret Service (a desktop session) the secret round-trips; without one (CI,
    // headless) every call fails with secret_store_unavailable, which the app answers with
    // a MemorySecretStore. Either way, nothing hangs and nothing else comes back.
    // Under tests/support/run-with-keyring.sh (ctest's tst_session_keychain) a Secret
    // Service runs, and the round trip must work.
    const bool required = qEnvironmentVariableIntValue("CONFAB_TEST_SECRET_SERVICE") == 1;
    KeychainSecretStore keychain(QStringLiteral("tst_session"));
    QCOMPARE(keychain.serviceName(), QStringLiteral("Confab/tst_session"));
    const QString key = QStringLiteral("probe");
    const Result<void> written = await(keychain.writeSecret(key, QStringLiteral("s3cret")));
    if (required)
        QVERIFY2(written.ok(), qPrintable(written.ok() ? QString() : written.error().message));
    if (!written.ok()) {
        QCOMPARE(written.error().code, QStringLiteral("secret_store_unavailable"));
        const Result<QString> read = await(keychain.readSecret(key));
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, QStringLiteral("secret_store_unavailable"));
        return;
    }
    const Result<QString> read = await(keychain.readSecret(key));
    QVERIFY(read.ok());
    QCOMPARE(*read, QStringLiteral("s3cret"));
    QVERIFY(await(keychain.removeSecret(key)).ok());
    const Result<QString> gone = await(keychain.readSecret(key));
    QVERIFY(gone.ok());
    QVERIFY(gone->isEmpty());
}

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
