// The desktop app's embedded server, for real: it runs on a thread of its own over SQLite in a
// temporary data directory, serves HTTPS and WSS with its self-signed certificate (pinned by
// fingerprint here), moves to the next port when its own is taken, signs the host in without a
// password as the administrator, counts the people online, closes connections with "going
// away" when stopped, and comes back with the same accounts, messages and certificate.
#include "app/host/embeddedserver.h"
#include "app/host/hostusername.h"
#include "app/host/portsearch.h"

#include "server/core/chatserver.h"
#include "server/core/config/jwtsecret.h"
#include "tests/support/apiclient.h"
#include "tests/support/testserver.h"
#include "tests/support/wsprobe.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QWebSocketProtocol>

#include <memory>
#include <optional>

using namespace Confab;
using namespace Confab::Host;
using namespace Confab::Testing;

namespace {

HostSettings settingsIn(const QString &directory, quint16 port = 0)
{
    HostSettings settings;
    settings.dataDirectory = directory;
    settings.port = port;
    settings.advertise = false;
    return settings;
}

/// Starts `server` and waits for started() or failed(); the message of failed() in `error`.
std::optional<HostInfo> startAndWait(
    EmbeddedServer &server, const HostSettings &settings, QString *error = nullptr)
{
    QSignalSpy started(&server, &EmbeddedServer::started);
    QSignalSpy failed(&server, &EmbeddedServer::failed);
    server.start(settings);
    if (!QTest::qWaitFor([&] { return !started.isEmpty() || !failed.isEmpty(); }, 30000))
        return std::nullopt;
    if (!failed.isEmpty()) {
        if (error)
            *error = failed.first().first().toString();
        return std::nullopt;
    }
    return started.first().first().value<HostInfo>();
}

bool stopAndWait(EmbeddedServer &server)
{
    QSignalSpy stopped(&server, &EmbeddedServer::stopped);
    server.stop();
    return QTest::qWaitFor([&] { return !stopped.isEmpty(); }, 30000);
}

std::optional<AuthResponse> signInAndWait(EmbeddedServer &server, const QString &displayName)
{
    QSignalSpy signedIn(&server, &EmbeddedServer::hostSignedIn);
    QSignalSpy failed(&server, &EmbeddedServer::failed);
    server.signInHost(displayName);
    if (!QTest::qWaitFor([&] { return !signedIn.isEmpty() || !failed.isEmpty(); }, 30000)
        || signedIn.isEmpty())
        return std::nullopt;
    return signedIn.first().first().value<AuthResponse>();
}

std::unique_ptr<ApiClient> pinnedClient(const HostInfo &info)
{
    auto client = std::make_unique<ApiClient>(QUrl(info.localUrl));
    client->setPinnedFingerprint(info.fingerprint);
    return client;
}

QUrl wsUrl(const HostInfo &info)
{
    return QUrl(QStringLiteral("wss://127.0.0.1:%1/ws").arg(info.port));
}

/// A port on every interface that nothing listens on right now.
quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::Any, 0))
        return 0;
    return probe.serverPort();
}

QFileDevice::Permissions ownerOnly()
{
    return QFileDevice::ReadOwner | QFileDevice::WriteOwner;
}

} // namespace

class TestEmbeddedServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsOnItsOwnThreadAndServesHttps();
    void takenPortMovesToTheNextFreeOne();
    void portSearchGivesUpWithAClearMessage();
    void hostUsernameComesFromTheDisplayName_data();
    void hostUsernameComesFromTheDisplayName();
    void hostAccountIsTheAdministrator();
    void hostUsernameIsMadeUnique();
    void signInTwiceAtOnceMakesOneAccount();
    void onlineCountCountsDistinctPeople();
    void stopClosesConnectionsAndRestartKeepsEverything();
    void unusableDataDirectoryFails();
    void startWhileStoppingStartsAfterwards();
    void startWhileRunningIsRefused();
    void plainHttpWhenTlsIsOff();
    void announcingIsBestEffort();
    void destroyingWhileRunningStopsTheServer();
};

void TestEmbeddedServer::startsOnItsOwnThreadAndServesHttps()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    EmbeddedServer server;
    QCOMPARE(server.serverThread(), nullptr);
    QString error;
    const std::optional<HostInfo> info = startAndWait(server, settingsIn(directory.path()), &error);
    QVERIFY2(info, qPrintable(error));
    QVERIFY(info->port != 0);
    QVERIFY(info->tls);
    QCOMPARE(info->fingerprint.size(), 32 * 3 - 1);
    QCOMPARE(info->localUrl, QStringLiteral("https://127.0.0.1:%1").arg(info->port));
    for (const QHostAddress &address : info->lanAddresses)
        QVERIFY2(!address.isLoopback(), qPrintable(address.toString()));
    QVERIFY(server.isRunning());
    QCOMPARE(server.info().port, info->port);
    QCOMPARE(server.onlineCount(), 0);

    // The ChatServer lives on a thread of its own, never on the caller's.
    QVERIFY(server.serverThread() != nullptr);
    QVERIFY(server.serverThread() != QThread::currentThread());
    QVERIFY(server.serverThread()->isRunning());

    // The data directory's layout, with its secrets readable by their owner only.
    QVERIFY(QFile::exists(directory.filePath(QStringLiteral("confab.db"))));
    QCOMPARE(
        QFile::permissions(directory.filePath(QStringLiteral("jwt-secret"))) & 0x7077, ownerOnly());
    QCOMPARE(QFile::permissions(directory.filePath(QStringLiteral("tls/server-key.pem"))) & 0x7077,
        ownerOnly());

    // HTTPS from another client that trusts exactly this fingerprint.
    std::unique_ptr<ApiClient> client = pinnedClient(*info);
    const ApiReply health = client->get(QStringLiteral("/api/health"));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    // ... and one that pinned another certificate gets nowhere.
    ApiClient stranger {QUrl(info->localUrl)};
    stranger.setPinnedFingerprint(QString(info->fingerprint).replace(0, 2, QStringLiteral("00")));
    QCOMPARE(stranger.get(QStringLiteral("/api/health")).status, 0);

    // It listens on every interface, not only on loopback.
    if (!info->lanAddresses.isEmpty()) {
        const QHostAddress lan = info->lanAddresses.first();
        if (lan.protocol() == QAbstractSocket::IPv4Protocol) {
            QTcpSocket socket;
            socket.connectToHost(lan, info->port);
            QVERIFY2(socket.waitForConnected(10000), qPrintable(socket.errorString()));
        }
    }
    QVERIFY(stopAndWait(server));
    QVERIFY(!server.isRunning());
    QCOMPARE(server.serverThread(), nullptr);
}

void TestEmbeddedServer::takenPortMovesToTheNextFreeOne()
{
    QTemporaryDir directory;
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::Any, 0));
    const quint16 taken = blocker.serverPort();
    QVERIFY(taken < 65000);

    EmbeddedServer server;
    QString error;
    const std::optional<HostInfo> info =
        startAndWait(server, settingsIn(directory.path(), taken), &error);
    QVERIFY2(info, qPrintable(error));
    QVERIFY2(info->port > taken && info->port < taken + PortSearch::kAttempts,
        qPrintable(QStringLiteral("%1 after %2").arg(info->port).arg(taken)));
    std::unique_ptr<ApiClient> client = pinnedClient(*info);
    QCOMPARE(client->get(QStringLiteral("/api/health")).status, 200);
    QVERIFY(stopAndWait(server));
}

void TestEmbeddedServer::portSearchGivesUpWithAClearMessage()
{
    // Three neighbouring ports, all taken.
    std::vector<std::unique_ptr<QTcpServer>> blockers;
    quint16 first = 0;
    for (int round = 0; round < 50 && blockers.size() < 3; ++round) {
        blockers.clear();
        first = freePort();
        for (int i = 0; i < 3 && first != 0 && first < 65000; ++i) {
            auto blocker = std::make_unique<QTcpServer>();
            if (!blocker->listen(QHostAddress::Any, quint16(first + i)))
                break;
            blockers.push_back(std::move(blocker));
        }
    }
    QCOMPARE(blockers.size(), size_t(3));

    QTemporaryDir directory;
    Result<QByteArray> secret = Server::JwtSecret::loadOrCreate(directory.path());
    QVERIFY(secret);
    Server::ServerSettings settings;
    settings.database.sqlitePath = directory.filePath(QStringLiteral("confab.db"));
    settings.jwtSecret = *secret;
    settings.listenAddress = QHostAddress::Any;
    Result<std::unique_ptr<Server::ChatServer>> chat = Server::ChatServer::create(settings);
    QVERIFY2(chat, qPrintable(chat ? QString() : chat.error().message));

    const Result<quint16> none = PortSearch::listen(**chat, first, 3);
    QVERIFY(!none);
    QCOMPARE(none.error().message,
        QStringLiteral("Ports %1 to %2 are all in use by other programs; choose another port.")
            .arg(first)
            .arg(first + 2));
    // One more attempt reaches a free port (or, rarely, one that another program took since).
    blockers.pop_back();
    const Result<quint16> last = PortSearch::listen(**chat, first, 3);
    QVERIFY2(last, qPrintable(last ? QString() : last.error().message));
    QCOMPARE(*last, quint16(first + 2));
    (*chat)->shutdown();
}

void TestEmbeddedServer::hostUsernameComesFromTheDisplayName_data()
{
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<QString>("username");
    QTest::newRow("plain") << QStringLiteral("Alice") << QStringLiteral("alice");
    QTest::newRow("accents and spaces")
        << QStringLiteral("  Zoë  Åsa ") << QStringLiteral("zoe.asa");
    QTest::newRow("punctuation kept")
        << QStringLiteral("Anne-Marie O'Neil_2") << QStringLiteral("anne-marie.oneil_2");
    QTest::newRow("no ASCII") << QStringLiteral("李小龍") << QStringLiteral("host");
    QTest::newRow("too short") << QStringLiteral("--Al--") << QStringLiteral("host");
    QTest::newRow("emoji only") << QStringLiteral("🎉") << QStringLiteral("host");
    QTest::newRow("long") << QStringLiteral("Bartholomew Christopher Montgomery-Smythe")
                          << QStringLiteral("bartholomew.christopher.montgome");
}

void TestEmbeddedServer::hostUsernameComesFromTheDisplayName()
{
    QFETCH(QString, displayName);
    QFETCH(QString, username);
    const QString made = HostUsername::fromDisplayName(displayName);
    QCOMPARE(made, username);
    QCOMPARE(HostUsername::candidate(made, 1), username);
    const QString second = HostUsername::candidate(made, 2);
    QVERIFY(second.size() <= 32);
    QVERIFY(second.endsWith(QLatin1Char('2')));
    QCOMPARE(HostUsername::candidate(made, 100).size(), qMin(made.size() + 3, qsizetype(32)));
}

void TestEmbeddedServer::hostAccountIsTheAdministrator()
{
    QTemporaryDir directory;
    EmbeddedServer server;
    const std::optional<HostInfo> info = startAndWait(server, settingsIn(directory.path()));
    QVERIFY(info);
    const std::optional<AuthResponse> auth = signInAndWait(server, QStringLiteral(" Zoë Host "));
    QVERIFY(auth);
    QCOMPARE(auth->user.username, QStringLiteral("zoe.host"));
    QCOMPARE(auth->user.displayName, QStringLiteral("Zoë Host"));
    QVERIFY(!auth->accessToken.isEmpty());
    QVERIFY(!auth->refreshToken.isEmpty());
    QVERIFY(auth->expiresIn > 0);

    std::unique_ptr<ApiClient> client = pinnedClient(*info);
    const ApiReply me = client->get(QStringLiteral("/api/users/me"), auth->accessToken);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json.value(QStringLiteral("id")).toInteger(), auth->user.id);
    QVERIFY(me.json.value(QStringLiteral("isAdmin")).toBool());
    // The refresh token is an ordinary one.
    const ApiReply refreshed = client->post(QStringLiteral("/api/auth/refresh"),
        {{QStringLiteral("refreshToken"), auth->refreshToken}});
    QCOMPARE(refreshed.status, 200);
    // Nobody knows the password: guessing the obvious ones fails.
    const ApiReply guess = client->post(QStringLiteral("/api/auth/login"),
        {{QStringLiteral("username"), QStringLiteral("zoe.host")},
            {QStringLiteral("password"), QStringLiteral("zoe.host")}});
    QCOMPARE(guess.status, 401);

    // Signing in again (another name given, even) is the same account.
    const std::optional<AuthResponse> again = signInAndWait(server, QStringLiteral("Someone Else"));
    QVERIFY(again);
    QCOMPARE(again->user.id, auth->user.id);
    QCOMPARE(again->user.username, QStringLiteral("zoe.host"));
    QVERIFY(again->refreshToken != auth->refreshToken);

    // Others who register next are not administrators.
    const TestUser bob = registerUser(*client, QStringLiteral("bob"));
    QVERIFY(bob.id != 0);
    const ApiReply bobMe = client->get(QStringLiteral("/api/users/me"), bob.accessToken);
    QCOMPARE(bobMe.status, 200);
    QVERIFY(!bobMe.json.value(QStringLiteral("isAdmin")).toBool());
    QVERIFY(stopAndWait(server));
}

void TestEmbeddedServer::hostUsernameIsMadeUnique()
{
    QTemporaryDir directory;
    EmbeddedServer server;
    const std::optional<HostInfo> info = startAndWait(server, settingsIn(directory.path()));
    QVERIFY(info);
    std::unique_ptr<ApiClient> client = pinnedClient(*info);
    QVERIFY(registerUser(*client, QStringLiteral("alice")).id != 0);
    QVERIFY(registerUser(*client, QStringLiteral("Alice2")).id != 0);
    const std::optional<AuthResponse> host = signInAndWait(server, QStringLiteral("Alice"));
    QVERIFY(host);
    QCOMPARE(host->user.username, QStringLiteral("alice3"));
    QCOMPARE(host->user.displayName, QStringLiteral("Alice"));
    QVERIFY(stopAndWait(server));
}

void TestEmbeddedServer::signInTwiceAtOnceMakesOneAccount()
{
    QTemporaryDir directory;
    EmbeddedServer server;
    const std::optional<HostInfo> info = startAndWait(server, settingsIn(directory.path()));
    QVERIFY(info);
    QSignalSpy signedIn(&server, &EmbeddedServer::hostSignedIn);
    server.signInHost(QStringLiteral("Host"));
    server.signInHost(QStringLiteral("Host"));
    QTRY_VERIFY_WITH_TIMEOUT(!signedIn.isEmpty(), 30000);
    const std::optional<AuthResponse> later = signInAndWait(server, QStringLiteral("Host"));
    QVERIFY(later);
    for (const QList<QVariant> &arguments : std::as_const(signedIn))
        QCOMPARE(arguments.first().value<AuthResponse>().user.id, later->user.id);
    // The next account is the second one: no other host account was made.
    std::unique_ptr<ApiClient> client = pinnedClient(*info);
    const TestUser next = registerUser(*client, QStringLiteral("next"));
    QCOMPARE(next.id, later->user.id + 1);
    QVERIFY(stopAndWait(server));
}

void TestEmbeddedServer::onlineCountCountsDistinctPeople()
{
    QTemporaryDir directory;
    EmbeddedServer server;
    const std::optional<HostInfo> info = startAndWait(server, settingsIn(directory.path()));
    QVERIFY(info);
    QSignalSpy counts(&server, &EmbeddedServer::onlineCountChanged);
    const std::optional<AuthResponse> host = signInAndWait(server, QStringLiteral("Host"));
    QVERIFY(host);
    std::unique_ptr<ApiClient> client = pinnedClient(*info);
    const TestUser alice = registerUser(*client, QStringLiteral("alice"));
    QVERIFY(alice.id != 0);
    QCOMPARE(server.onlineCount(), 0);

    WsProbe hostSocket;
    hostSocket.setPinnedFingerprint(info->fingerprint);
    QVERIFY(hostSocket.openReady(wsUrl(*info), host->accessToken));
    QTRY_COMPARE_WITH_TIMEOUT(server.onlineCount(), 1, 10000);
    QCOMPARE(counts.size(), 1);
    QCOMPARE(counts.last().first().toInt(), 1);

    // The same person on a second device is still one person.
    WsProbe hostSecondSocket;
    hostSecondSocket.setPinnedFingerprint(info->fingerprint);
    QVERIFY(hostSecondSocket.openReady(wsUrl(*info), host->accessToken));

    WsProbe aliceSocket;
    aliceSocket.setPinnedFingerprint(info->fingerprint);
    QVERIFY(aliceSocket.openReady(wsUrl(*info), alice.accessToken));
    QTRY_COMPARE_WITH_TIMEOUT(server.onlineCount(), 2, 10000);
    QCOMPARE(counts.size(), 2);
    QCOMPARE(counts.last().first().toInt(), 2);

    hostSocket.socket().close();
    QVERIFY(hostSocket.waitClosed());
    aliceSocket.socket().close();
    QVERIFY(aliceSocket.waitClosed());
    QTRY_COMPARE_WITH_TIMEOUT(server.onlineCount(), 1, 10000);
    QCOMPARE(counts.last().first().toInt(), 1);
    hostSecondSocket.socket().close();
    QVERIFY(hostSecondSocket.waitClosed());
    QTRY_COMPARE_WITH_TIMEOUT(server.onlineCount(), 0, 10000);
    QVERIFY(stopAndWait(server));
}

void TestEmbeddedServer::stopClosesConnectionsAndRestartKeepsEverything()
{
    QTemporaryDir directory;
    EmbeddedServer server;
    std::optional<HostInfo> info = startAndWait(server, settingsIn(directory.path()));
    QVERIFY(info);
    const QString fingerprint = info->fingerprint;
    const std::optional<AuthResponse> host = signInAndWait(server, QStringLiteral("Host"));
    QVERIFY(host);
    std::unique_ptr<ApiClient> client = pinnedClient(*info);
    const TestUser carol = registerUser(*client, QStringLiteral("carol"));
    QVERIFY(carol.id != 0);

    const ApiReply conversation = client->post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"), QJsonArray {carol.id}}}, host->accessToken);
    QCOMPARE(conversation.status, 201);
    const qint64 conversationId = conversation.json.value(QStringLiteral("id")).toInteger();
    const QString path = QStringLiteral("/api/conversations/%1/messages").arg(conversationId);
    QCOMPARE(client
                 ->post(path, {{QStringLiteral("content"), QStringLiteral("Before the restart")}},
                     carol.accessToken)
                 .status,
        201);

    WsProbe carolSocket;
    carolSocket.setPinnedFingerprint(fingerprint);
    QVERIFY(carolSocket.openReady(wsUrl(*info), carol.accessToken));
    QTRY_COMPARE_WITH_TIMEOUT(server.onlineCount(), 1, 10000);

    QSignalSpy counts(&server, &EmbeddedServer::onlineCountChanged);
    QVERIFY(stopAndWait(server));
    QVERIFY(carolSocket.waitClosed());
    QCOMPARE(carolSocket.closeCode(), quint16(QWebSocketProtocol::CloseCodeGoingAway));
    QCOMPARE(server.onlineCount(), 0);
    QVERIFY(!counts.isEmpty());
    QCOMPARE(counts.last().first().toInt(), 0);
    QVERIFY(!server.isRunning());
    QCOMPARE(client->get(QStringLiteral("/api/health")).status, 0);

    // Again, on the same data: the same certificate, accounts and history.
    QString error;
    info = startAndWait(server, settingsIn(directory.path(), info->port), &error);
    QVERIFY2(info, qPrintable(error));
    QCOMPARE(info->fingerprint, fingerprint);
    client = pinnedClient(*info);
    const std::optional<AuthResponse> hostAgain = signInAndWait(server, QStringLiteral("Host"));
    QVERIFY(hostAgain);
    QCOMPARE(hostAgain->user.id, host->user.id);
    // Tokens issued before the restart are still good: the secret was kept.
    QCOMPARE(client->get(QStringLiteral("/api/users/me"), host->accessToken).status, 200);
    const ApiReply login = client->post(QStringLiteral("/api/auth/login"),
        {{QStringLiteral("username"), QStringLiteral("carol")},
            {QStringLiteral("password"), QStringLiteral("correct horse")}});
    QCOMPARE(login.status, 200);
    const ApiReply history =
        client->get(path, login.json.value(QStringLiteral("accessToken")).toString());
    QCOMPARE(history.status, 200);
    const QJsonArray messages = history.json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().toObject().value(QStringLiteral("content")).toString(),
        QStringLiteral("Before the restart"));

    // The client that was cut off reconnects.
    WsProbe carolAgain;
    carolAgain.setPinnedFingerprint(fingerprint);
    QVERIFY(carolAgain.openReady(wsUrl(*info), carol.accessToken));
    QTRY_COMPARE_WITH_TIMEOUT(server.onlineCount(), 1, 10000);
    QVERIFY(stopAndWait(server));
}

void TestEmbeddedServer::unusableDataDirectoryFails()
{
    QTemporaryDir directory;
    // A folder cannot be made inside a plain file, whoever runs the test.
    const QString file = directory.filePath(QStringLiteral("plain-file"));
    {
        QFile plain(file);
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.write("not a folder");
    }
    const QString unusable = file + QStringLiteral("/data");
    EmbeddedServer server;
    QSignalSpy stopped(&server, &EmbeddedServer::stopped);
    QString error;
    QVERIFY(!startAndWait(server, settingsIn(unusable), &error));
    QVERIFY2(error.contains(unusable), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("cannot be created or written to")), qPrintable(error));
    QVERIFY(!server.isRunning());

    // Nothing is left running: a start with a good folder works afterwards.
    const std::optional<HostInfo> info = startAndWait(server, settingsIn(directory.path()), &error);
    QVERIFY2(info, qPrintable(error));
    QVERIFY(stopped.isEmpty());
    QVERIFY(stopAndWait(server));

    // Signing in without a running server says so.
    QSignalSpy failed(&server, &EmbeddedServer::failed);
    server.signInHost(QStringLiteral("Host"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
    QCOMPARE(failed.first().first().toString(),
        QStringLiteral("This computer is not hosting the chat."));
}

void TestEmbeddedServer::startWhileStoppingStartsAfterwards()
{
    QTemporaryDir directory;
    EmbeddedServer server;
    std::optional<HostInfo> info = startAndWait(server, settingsIn(directory.path()));
    QVERIFY(info);
    QSignalSpy stopped(&server, &EmbeddedServer::stopped);
    QSignalSpy started(&server, &EmbeddedServer::started);
    server.stop();
    server.start(settingsIn(directory.path()));
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 30000);
    QCOMPARE(stopped.size(), 1);
    QVERIFY(server.isRunning());
    const HostInfo restarted = started.first().first().value<HostInfo>();
    QCOMPARE(restarted.fingerprint, info->fingerprint);
    QCOMPARE(pinnedClient(restarted)->get(QStringLiteral("/api/health")).status, 200);
    QVERIFY(stopAndWait(server));
}

void TestEmbeddedServer::startWhileRunningIsRefused()
{
    QTemporaryDir directory;
    EmbeddedServer server;
    const std::optional<HostInfo> info = startAndWait(server, settingsIn(directory.path()));
    QVERIFY(info);
    QSignalSpy failed(&server, &EmbeddedServer::failed);
    server.start(settingsIn(directory.path()));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
    QCOMPARE(failed.first().first().toString(),
        QStringLiteral("This computer is already hosting the chat."));
    QVERIFY(server.isRunning());
    QCOMPARE(server.info().port, info->port);
    QCOMPARE(pinnedClient(*info)->get(QStringLiteral("/api/health")).status, 200);
    QVERIFY(stopAndWait(server));
}

void TestEmbeddedServer::plainHttpWhenTlsIsOff()
{
    QTemporaryDir directory;
    HostSettings settings = settingsIn(directory.path());
    settings.tls = false;
    EmbeddedServer server;
    const std::optional<HostInfo> info = startAndWait(server, settings);
    QVERIFY(info);
    QVERIFY(!info->tls);
    QVERIFY(info->fingerprint.isEmpty());
    QCOMPARE(info->localUrl, QStringLiteral("http://127.0.0.1:%1").arg(info->port));
    QVERIFY(!QFile::exists(directory.filePath(QStringLiteral("tls"))));
    ApiClient client {QUrl(info->localUrl)};
    QCOMPARE(client.get(QStringLiteral("/api/health")).status, 200);
    QVERIFY(stopAndWait(server));
}

void TestEmbeddedServer::announcingIsBestEffort()
{
    // With or without a DNS-SD daemon on this machine, announcing never stops hosting.
    QTemporaryDir directory;
    HostSettings settings = settingsIn(directory.path());
    settings.advertise = true;
    settings.advertiseName =
        QStringLiteral("Embedded server test %1").arg(QCoreApplication::applicationPid());
    EmbeddedServer server;
    QSignalSpy failed(&server, &EmbeddedServer::failed);
    const std::optional<HostInfo> info = startAndWait(server, settings);
    QVERIFY(info);
    QCOMPARE(pinnedClient(*info)->get(QStringLiteral("/api/health")).status, 200);
    QVERIFY(failed.isEmpty());
    QVERIFY(server.isRunning());
    QVERIFY(stopAndWait(server));
}

void TestEmbeddedServer::destroyingWhileRunningStopsTheServer()
{
    QTemporaryDir directory;
    auto server = std::make_unique<EmbeddedServer>();
    const std::optional<HostInfo> info = startAndWait(*server, settingsIn(directory.path()));
    QVERIFY(info);
    const std::optional<AuthResponse> host = signInAndWait(*server, QStringLiteral("Host"));
    QVERIFY(host);
    WsProbe socket;
    socket.setPinnedFingerprint(info->fingerprint);
    QVERIFY(socket.openReady(wsUrl(*info), host->accessToken));
    QTRY_COMPARE_WITH_TIMEOUT(server->onlineCount(), 1, 10000);

    server.reset();
    // The port is free again at once, and the client hears that the server went away.
    QTcpServer after;
    QVERIFY2(after.listen(QHostAddress::Any, info->port), qPrintable(after.errorString()));
    QVERIFY(socket.waitClosed());
}

QTEST_GUILESS_MAIN(TestEmbeddedServer)
#include "tst_embeddedserver.moc"
