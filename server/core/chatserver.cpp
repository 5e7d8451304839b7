#include "server/core/chatserver.h"

#include "server/core/api/adminapi.h"
#include "server/core/api/authapi.h"
#include "server/core/api/conversationapi.h"
#include "server/core/api/groupapi.h"
#include "server/core/api/healthapi.h"
#include "server/core/api/messageapi.h"
#include "server/core/api/messagemanagementapi.h"
#include "server/core/api/profileapi.h"
#include "server/core/api/userapi.h"
#include "server/core/auth/loginthrottle.h"
#include "server/core/auth/passwordhasher.h"
#include "server/core/auth/tokenservice.h"
#include "server/core/http/apiserver.h"
#include "server/core/http/guardedtcpserver.h"
#include "server/core/http/websocketupgrader.h"
#include "server/core/realtime/realtimehub.h"
#include "server/core/storage/database.h"
#include "server/core/storage/messagewriter.h"
#include "server/core/tls/selfsignedcertificate.h"
#include "server/core/tls/tlscredentials.h"

#include <QTcpServer>
#include <QThread>

namespace Confab::Server {

namespace {

struct LoadedTls
{
    std::unique_ptr<TlsCredentials> credentials;
    bool created = false;
};

// Named files win; else the self-signed pair in its directory, generated on first use.
Result<LoadedTls> loadTls(const TlsSettings &settings)
{
    LoadedTls loaded;
    if (!settings.enabled())
        return loaded;
    QString certificateFile = settings.certificateFile;
    QString keyFile = settings.keyFile;
    if (certificateFile.isEmpty() && keyFile.isEmpty()) {
        Result<SelfSignedCertificate> selfSigned =
            SelfSignedCertificate::ensure(settings.selfSignedDirectory);
        if (!selfSigned)
            return selfSigned.error();
        certificateFile = selfSigned->certificateFile();
        keyFile = selfSigned->keyFile();
        loaded.created = selfSigned->created();
    }
    Result<TlsCredentials> credentials = TlsCredentials::load(certificateFile, keyFile);
    if (!credentials)
        return credentials.error();
    loaded.credentials = std::make_unique<TlsCredentials>(std::move(credentials).value());
    return loaded;
}

} // namespace

ChatServer::ChatServer(const ServerSettings &settings, std::unique_ptr<Database> database)
    : m_settings(settings)
    , m_database(std::move(database))
    , m_tokens(std::make_unique<TokenService>(settings.jwtSecret, settings.accessTokenLifetime))
    // Hashing gets all cores but one: the event loop must stay responsive during login bursts.
    , m_hasher(std::make_unique<PasswordHasher>(qMax(1, QThread::idealThreadCount() - 1)))
    , m_loginThrottle(std::make_unique<LoginThrottle>())
    , m_hub(std::make_unique<RealtimeHub>(*m_database, *m_tokens, settings.realtime))
    , m_messageWriter(std::make_unique<MessageWriter>(*m_database))
    , m_router(std::make_unique<Router>())
{
    const ServerContext context = this->context();
    m_authApi = std::make_unique<AuthApi>(context);
    m_userApi = std::make_unique<UserApi>(context);
    m_conversationApi = std::make_unique<ConversationApi>(context);
    m_messageApi = std::make_unique<MessageApi>(context);
    m_healthApi = std::make_unique<HealthApi>(context);
    m_authApi->registerRoutes(*m_router);
    m_userApi->registerRoutes(*m_router);
    m_conversationApi->registerRoutes(*m_router);
    m_messageApi->registerRoutes(*m_router);
    m_healthApi->registerRoutes(*m_router);
    m_messageManagementApi = std::make_unique<MessageManagementApi>(context);
    m_messageManagementApi->registerRoutes(*m_router);
    m_groupApi = std::make_unique<GroupApi>(context);
    m_groupApi->registerRoutes(*m_router);
    m_profileApi = std::make_unique<ProfileApi>(context);
    m_profileApi->registerRoutes(*m_router);
    m_adminApi = std::make_unique<AdminApi>(context);
    m_adminApi->registerRoutes(*m_router);
    m_apiServer = std::make_unique<ApiServer>(*m_router, *m_tokens);
    WebSocketConnection::Limits webSocketLimits;
    webSocketLimits.maxMessageBytes = settings.realtime.maxMessageBytes;
    webSocketLimits.closeTimeout = settings.realtime.closeTimeout;
    m_upgrader = std::make_unique<WebSocketUpgrader>(*m_tokens, webSocketLimits,
        [hub = m_hub.get()](std::unique_ptr<WebSocketConnection> connection) {
            hub->accept(std::move(connection));
        });
}

ChatServer::~ChatServer()
{
    shutdown();
}

Result<std::unique_ptr<ChatServer>> ChatServer::create(const ServerSettings &settings)
{
    if (settings.jwtSecret.size() < 32)
        return badRequest(QStringLiteral("weak_jwt_secret"),
            QStringLiteral("The JWT secret must be at least 32 bytes long."));
    if (!PasswordHasher::initialize())
        return internalError(QStringLiteral("libsodium could not be initialised."));
    // Before the database: bad certificate files should not leave a fresh database behind.
    Result<LoadedTls> tls = loadTls(settings.tls);
    if (!tls)
        return tls.error();
    Result<std::unique_ptr<Database>> database = Database::open(settings.database);
    if (!database)
        return database.error();
    if (settings.registration) {
        const QString mode = RegistrationModes::toString(*settings.registration);
        Result<bool> stored =
            (*database)->runBlocking<bool>([mode](Storage &storage) -> Result<bool> {
                Result<void> set =
                    storage.serverSettings().setValue(RegistrationModes::settingKey(), mode);
                if (!set)
                    return set.error();
                return true;
            });
        if (!stored)
            return stored.error();
    }
    std::unique_ptr<ChatServer> server(new ChatServer(settings, std::move(database).value()));
    server->m_tls = std::move(tls->credentials);
    server->m_certificateCreated = tls->created;
    return server;
}

Result<quint16> ChatServer::listen()
{
    return listen(m_settings.listenPort);
}

Result<quint16> ChatServer::listen(quint16 port)
{
    // QHttpServer 6.4 has no limits of its own: the guard in front enforces ours.
    HttpLimits limits;
    limits.maxConnections = m_settings.maxConnections;
    limits.routeBodyLimits.append({QByteArrayLiteral("PUT"),
        QByteArrayLiteral("/api/users/me/avatar"), ProfileApi::kMaxAvatarBytes});
    limits.handshakeTimeout = m_settings.tls.handshakeTimeout;
    auto *tcpServer = new GuardedTcpServer(limits);
    if (m_tls)
        tcpServer->setTlsConfiguration(m_tls->serverConfiguration());
    tcpServer->setUpgradeHandler(m_upgrader.get());
    // Qt's default backlog of 50 drops connection storms' SYNs (clients retry after 1 s);
    // the kernel caps this at net.core.somaxconn.
    tcpServer->setListenBacklogSize(4096);
    if (!tcpServer->listen(m_settings.listenAddress, port)) {
        const QString reason = tcpServer->errorString();
        const bool inUse = tcpServer->serverError() == QAbstractSocket::AddressInUseError;
        delete tcpServer;
        return makeError(0,
            inUse ? QStringLiteral("address_in_use") : QStringLiteral("listen_failed"),
            QStringLiteral("Cannot listen on %1:%2: %3")
                .arg(m_settings.listenAddress.toString())
                .arg(port)
                .arg(reason));
    }
    m_apiServer->bind(tcpServer);
    m_tcpServer = tcpServer;
    return tcpServer->serverPort();
}

QString ChatServer::certificateFingerprint() const
{
    return m_tls ? m_tls->fingerprint() : QString();
}

QHostAddress ChatServer::address() const
{
    return m_tcpServer ? m_tcpServer->serverAddress() : m_settings.listenAddress;
}

quint16 ChatServer::port() const
{
    return m_tcpServer ? m_tcpServer->serverPort() : 0;
}

void ChatServer::shutdown()
{
    if (m_shutDown)
        return;
    m_shutDown = true;
    if (m_tcpServer)
        m_tcpServer->close();
    if (m_hub)
        m_hub->closeAll();
    if (m_messageWriter)
        m_messageWriter->close(); // its last batches are queued before the database closes
    if (m_database)
        m_database->close();
}

RealtimeHub &ChatServer::hub()
{
    return *m_hub;
}

Database &ChatServer::database()
{
    return *m_database;
}

ServerContext ChatServer::context()
{
    return ServerContext {
        *m_database, *m_tokens, *m_hasher, *m_loginThrottle, *m_hub, *m_messageWriter};
}

} // namespace Confab::Server
