#pragma once

#include "server/core/chatserver.h"
#include "tests/support/apiclient.h"
#include "tests/support/testdatabase.h"

#include <QUrl>

#include <chrono>
#include <memory>

namespace Confab::Testing {

/// A real ChatServer on 127.0.0.1 and a free port, over a fresh database of the kind the
/// test run names (CONFAB_TEST_DATABASE=sqlite|postgres). Restartable on the same data.
class TestServer
{
public:
    TestServer();
    ~TestServer();

    /// Starts (or restarts) the server; false with a message on failure.
    bool start(QString *error = nullptr);
    void stop();
    /// Timings and limits of the WebSocket side for the next start().
    void setRealtimeSettings(const Server::RealtimeSettings &settings) { m_realtime = settings; }
    /// Access-token lifetime for the next start(); tests of client-side refresh shorten it.
    void setAccessTokenLifetime(std::chrono::seconds lifetime) { m_tokenLifetime = lifetime; }
    /// TLS for the next start(); the URLs become https:// and wss://.
    void setTlsSettings(const Server::TlsSettings &tls) { m_tls = tls; }
    quint16 port() const { return m_port; }

    QUrl httpUrl() const;
    QUrl wsUrl() const;
    Server::ChatServer &server() { return *m_server; }
    const QByteArray &jwtSecret() const { return m_secret; }
    TestDatabase &database() { return m_database; }

private:
    TestDatabase m_database;
    QByteArray m_secret;
    std::unique_ptr<Server::ChatServer> m_server;
    quint16 m_port = 0;
    /// Tests see presence changes at once unless they ask for a grace.
    Server::RealtimeSettings m_realtime = [] {
        Server::RealtimeSettings settings;
        settings.offlineGrace = std::chrono::milliseconds(0);
        return settings;
    }();
    std::chrono::seconds m_tokenLifetime {15 * 60};
    Server::TlsSettings m_tls;
};

/// A signed-in user as tests hold one.
struct TestUser
{
    qint64 id = 0;
    QString username;
    QString accessToken;
    QString refreshToken;
};

/// Registers `username` (password "correct horse") and returns the session; empty on failure.
TestUser registerUser(ApiClient &client, const QString &username);

/// A user for startWithUsers() to register, and the test's member that keeps the session.
struct UserToRegister
{
    QString username;
    TestUser *session = nullptr;
};

/// The set-up most server tests begin with: starts `server` (with whatever settings it was
/// given), makes `client` an ApiClient on it and registers `users` in the order given, so that
/// their ids grow in that order. False with a message when the server does not start or a user
/// cannot be registered.
bool startWithUsers(TestServer &server, std::unique_ptr<ApiClient> &client,
    const QList<UserToRegister> &users, QString *error);

} // namespace Confab::Testing
