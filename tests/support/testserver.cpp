#include "tests/support/testserver.h"

namespace Confab::Testing {

TestServer::TestServer()
    : m_secret(QByteArrayLiteral("test-secret-that-is-long-enough-for-hs256-signing"))
{ }

TestServer::~TestServer()
{
    stop();
}

bool TestServer::start(QString *error)
{
    stop();
    if (!m_database.isValid()) {
        if (error)
            *error = m_database.errorString();
        return false;
    }
    Server::ServerSettings settings;
    settings.database = m_database.config();
    settings.jwtSecret = m_secret;
    settings.listenAddress = QHostAddress::LocalHost;
    settings.accessTokenLifetime = m_tokenLifetime;
    settings.listenPort = m_port; // 0 the first time; the same port on restart
    settings.realtime = m_realtime;
    settings.tls = m_tls;
    Result<std::unique_ptr<Server::ChatServer>> server = Server::ChatServer::create(settings);
    if (!server) {
        if (error)
            *error = server.error().message;
        return false;
    }
    m_server = std::move(server).value();
    Result<quint16> port = m_server->listen();
    if (!port) {
        if (error)
            *error = port.error().message;
        m_server.reset();
        return false;
    }
    m_port = *port;
    return true;
}

void TestServer::stop()
{
    if (m_server) {
        m_server->shutdown();
        m_server.reset();
    }
}

QUrl TestServer::httpUrl() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2")
                    .arg(m_tls.enabled() ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(m_port));
}

QUrl TestServer::wsUrl() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2/ws")
                    .arg(m_tls.enabled() ? QStringLiteral("wss") : QStringLiteral("ws"))
                    .arg(m_port));
}

TestUser registerUser(ApiClient &client, const QString &username)
{
    const ApiReply reply = client.post(QStringLiteral("/api/auth/register"),
        {{QStringLiteral("username"), username},
            {QStringLiteral("password"), QStringLiteral("correct horse")}});
    if (reply.status != 201)
        return {};
    TestUser user;
    user.id =
        reply.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toInteger();
    user.username = username;
    user.accessToken = reply.json.value(QStringLiteral("accessToken")).toString();
    user.refreshToken = reply.json.value(QStringLiteral("refreshToken")).toString();
    return user;
}

bool startWithUsers(TestServer &server, std::unique_ptr<ApiClient> &client,
    const QList<UserToRegister> &users, QString *error)
{
    if (!server.start(error))
        return false;
    client = std::make_unique<ApiClient>(server.httpUrl());
    for (const UserToRegister &user : users) {
        *user.session = registerUser(*client, user.username);
        if (!user.session->id) {
            if (error)
                *error = QStringLiteral("could not register %1").arg(user.username);
            return false;
        }
    }
    return true;
}

} // namespace Confab::Testing
