#include "server/core/realtime/realtimehub.h"

#include "server/core/auth/tokenservice.h"
#include "server/core/realtime/clientconnection.h"
#include "server/core/storage/database.h"

#include <QLoggingCategory>
#include <QPointer>

Q_LOGGING_CATEGORY(lcRealtime, "confab.server.realtime")

namespace Confab::Server {

RealtimeHub::RealtimeHub(Database &database, const TokenService &tokens, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_tokens(tokens)
{
    // One timer for all connections: auth deadlines, pings and dead peers.
    m_sweepTimer.setInterval(std::chrono::seconds(1));
    connect(&m_sweepTimer, &QTimer::timeout, this, &RealtimeHub::sweep);
    m_sweepTimer.start();
}

RealtimeHub::~RealtimeHub()
{
    for (ClientConnection *connection : std::as_const(m_connections))
        connection->disconnect(this);
}

void RealtimeHub::accept(std::unique_ptr<QWebSocket> socket)
{
    auto *connection = new ClientConnection(std::move(socket), this);
    m_connections.insert(connection);
    connect(connection, &ClientConnection::frameReceived, this, &RealtimeHub::onFrame);
    connect(connection, &ClientConnection::closed, this, &RealtimeHub::onClosed);

    const QByteArray token = connection->upgradeToken();
    if (token.isEmpty())
        return; // the first frame must be AUTH
    const Result<qint64> user = m_tokens.verify(token, QDateTime::currentDateTimeUtc());
    if (!user) {
        connection->close(ClientConnection::kCloseUnauthorized, user.error().message);
        return;
    }
    authenticate(connection, *user);
}

QCoro::Task<> RealtimeHub::authenticate(ClientConnection *connection, qint64 userId)
{
    QPointer<ClientConnection> guard(connection);
    connection->setUserId(userId);
    // Registered before the user is read, so no event can slip between READY and the first one;
    // frames that arrive meanwhile are held by the connection until READY has gone out.
    QList<ClientConnection *> &devices = m_byUser[userId];
    const bool firstDevice = devices.isEmpty();
    devices.append(connection);

    auto userTask = m_database.run<std::optional<User>>(
        [userId](Storage &storage) { return storage.users().findById(userId); });
    Result<std::optional<User>> user = co_await userTask;
    if (!guard)
        co_return;
    if (!user || !user->has_value()) {
        connection->close(
            ClientConnection::kCloseUnauthorized, QStringLiteral("This account does not exist."));
        co_return;
    }
    User me = **user;
    me.online = true;
    connection->markReady(QString::fromUtf8(ReadyEvent {me}.toEnvelope().encode()));
    if (firstDevice)
        Q_EMIT userOnline(userId);
}

void RealtimeHub::onFrame(ClientConnection *connection, const Envelope &envelope)
{
    if (!connection->isAuthenticated()) {
        if (envelope.type != EventType::Auth) {
            connection->close(ClientConnection::kCloseUnauthorized,
                QStringLiteral("The first frame must be AUTH."));
            return;
        }
        Result<AuthFrame> frame = AuthFrame::fromPayload(envelope.payload);
        const Result<qint64> user = frame
            ? m_tokens.verify(frame->token.toUtf8(), QDateTime::currentDateTimeUtc())
            : Result<qint64>(frame.error());
        if (!user) {
            connection->close(ClientConnection::kCloseUnauthorized, user.error().message);
            return;
        }
        authenticate(connection, *user);
        return;
    }
    if (envelope.type == EventType::Auth) {
        connection->sendError(QStringLiteral("already_authenticated"),
            QStringLiteral("This connection is already signed in."));
        return;
    }
    connection->sendError(QStringLiteral("unknown_type"),
        QStringLiteral("Frames of type \"%1\" are not understood.").arg(envelope.type));
}

void RealtimeHub::onClosed(ClientConnection *connection)
{
    m_connections.remove(connection);
    const qint64 userId = connection->userId();
    if (userId != 0) {
        auto it = m_byUser.find(userId);
        if (it != m_byUser.end()) {
            it->removeOne(connection);
            if (it->isEmpty()) {
                m_byUser.erase(it);
                Q_EMIT userOffline(userId);
            }
        }
    }
    connection->deleteLater();
}

void RealtimeHub::sendToUsers(const QList<qint64> &userIds, const Envelope &event)
{
    const QString frame = QString::fromUtf8(event.encode());
    for (qint64 userId : userIds) {
        const auto it = m_byUser.constFind(userId);
        if (it == m_byUser.constEnd())
            continue;
        for (ClientConnection *connection : *it)
            connection->sendFrame(frame);
    }
}

void RealtimeHub::sweep()
{
    using std::chrono::milliseconds;
    const qint64 authLimit = milliseconds(kAuthTimeout).count();
    const qint64 deadLimit = milliseconds(kDeadAfter).count();
    const qint64 pingEvery = milliseconds(kPingInterval).count();
    const bool pingNow = (++m_sweeps % (pingEvery / 1000)) == 0;
    const QList<ClientConnection *> connections(m_connections.begin(), m_connections.end());
    for (ClientConnection *connection : connections) {
        if (!connection->isAuthenticated()) {
            if (connection->millisSinceCreated() > authLimit)
                connection->close(ClientConnection::kCloseUnauthorized,
                    QStringLiteral("No AUTH frame within 10 seconds."));
            continue;
        }
        if (connection->millisSincePong() > deadLimit) {
            qCInfo(lcRealtime) << "dropping a connection that stopped answering pings";
            connection->abort();
            continue;
        }
        if (pingNow)
            connection->ping();
    }
}

void RealtimeHub::closeAll()
{
    const QList<ClientConnection *> connections(m_connections.begin(), m_connections.end());
    for (ClientConnection *connection : connections)
        connection->close(
            QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("The server is shutting down."));
}

} // namespace Confab::Server
