#pragma once

#include "server/core/api/servercontext.h"
#include "server/core/serversettings.h"

#include "common/result.h"

#include <QObject>

#include <memory>
#include <optional>

class QTcpServer;

namespace Confab::Server {

class ApiServer;
class AuthApi;
class ConversationApi;
class GroupApi;
class Database;
class HealthApi;
class LoginThrottle;
class MessageApi;
class MessageManagementApi;
class MessageWriter;
class PasswordHasher;
class AdminApi;
class ProfileApi;
class RealtimeHub;
class Router;
class TlsCredentials;
class TokenService;
class UserApi;
class WebSocketUpgrader;

/// The whole server, composed: storage, auth, REST, realtime. `confab-server` runs one; the
/// desktop app can host one in-process; tests start one on port 0.
class ChatServer : public QObject
{
    Q_OBJECT
public:
    ~ChatServer() override;

    /// Opens (and migrates) the database. Fails with a one-line reason.
    static Result<std::unique_ptr<ChatServer>> create(const ServerSettings &settings);

    /// Starts listening; returns the real port (the chosen one when asked for port 0).
    Result<quint16> listen();
    /// As listen(), on `port` instead of the settings' one. A port in use fails with
    /// `address_in_use`, so that a caller may try another.
    Result<quint16> listen(quint16 port);
    QHostAddress address() const;
    quint16 port() const;
    /// True when the server speaks HTTPS and WSS (ServerSettings::tls).
    bool isTls() const { return m_tls != nullptr; }
    /// The SHA-256 fingerprint of the certificate served (AB:CD:…), empty without TLS.
    QString certificateFingerprint() const;
    /// True when this start generated the self-signed certificate it serves.
    bool certificateCreated() const { return m_certificateCreated; }

    /// Stops accepting, closes WebSockets, lets queued database work (and the messages queued
    /// for the next group commit) finish, closes storage.
    void shutdown();

    RealtimeHub &hub();
    Database &database();
    /// The services the APIs use, for in-process callers (the desktop app's host account).
    ServerContext context();

private:
    explicit ChatServer(const ServerSettings &settings, std::unique_ptr<Database> database);

    ServerSettings m_settings;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<TokenService> m_tokens;
    std::unique_ptr<PasswordHasher> m_hasher;
    std::unique_ptr<LoginThrottle> m_loginThrottle;
    std::unique_ptr<RealtimeHub> m_hub;
    std::unique_ptr<MessageWriter> m_messageWriter;
    std::unique_ptr<Router> m_router;
    std::unique_ptr<AuthApi> m_authApi;
    std::unique_ptr<UserApi> m_userApi;
    std::unique_ptr<ConversationApi> m_conversationApi;
    std::unique_ptr<MessageApi> m_messageApi;
    std::unique_ptr<HealthApi> m_healthApi;
    std::unique_ptr<MessageManagementApi> m_messageManagementApi; ///< outlives m_apiServer
    std::unique_ptr<GroupApi> m_groupApi;
    std::unique_ptr<ProfileApi> m_profileApi;
    std::unique_ptr<AdminApi> m_adminApi;
    std::unique_ptr<WebSocketUpgrader> m_upgrader; ///< outlives m_apiServer's listening socket
    std::unique_ptr<ApiServer> m_apiServer;
    std::unique_ptr<TlsCredentials> m_tls;
    bool m_certificateCreated = false;
    QTcpServer *m_tcpServer = nullptr; ///< owned by m_apiServer once bound
    bool m_shutDown = false;
};

} // namespace Confab::Server
