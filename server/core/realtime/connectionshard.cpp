#include "server/core/realtime/connectionshard.h"

#include "server/core/realtime/clientconnection.h"

#include <QLoggingCategory>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcRealtime)

namespace Confab::Server {

ConnectionShard::ConnectionShard(const RealtimeSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_sweepTimer(this)
{
    // One timer for all connections here: auth deadlines, pings and dead peers. It ticks often
    // enough that each of those happens within a quarter of its own time (at most every second).
    using std::chrono::milliseconds;
    const milliseconds shortest =
        std::min({m_settings.authTimeout, m_settings.pingInterval, m_settings.deadAfter});
    m_sweepTimer.setInterval(std::clamp(shortest / 4, milliseconds(20), milliseconds(1000)));
    connect(&m_sweepTimer, &QTimer::timeout, this, &ConnectionShard::sweep);
}

ConnectionShard::~ConnectionShard()
{
    dropAll();
}

void ConnectionShard::start()
{
    m_sincePing.start();
    m_sweepTimer.start();
}

void ConnectionShard::adopt(ClientConnection *connection)
{
    // It may have ended already, from calls it had queued for itself before the move.
    if (!connection->isClosed())
        m_connections.insert(connection->id(), connection);
}

void ConnectionShard::setUser(quint64 connectionId, qint64 userId)
{
    ClientConnection *connection = find(connectionId);
    if (!connection || connection->isAuthenticated())
        return;
    connection->setUserId(userId);
    m_byUser[userId].append(connection);
}

void ConnectionShard::markReady(quint64 connectionId, const QByteArray &readyFrame)
{
    if (ClientConnection *connection = find(connectionId))
        connection->markReady(readyFrame);
}

void ConnectionShard::sendError(quint64 connectionId, const QString &code, const QString &message)
{
    if (ClientConnection *connection = find(connectionId))
        connection->sendError(code, message);
}

void ConnectionShard::close(quint64 connectionId, quint16 code, const QString &reason)
{
    if (ClientConnection *connection = find(connectionId))
        connection->close(code, reason);
}

void ConnectionShard::deliver(const QByteArray &frame, const QList<qint64> &userIds)
{
    for (qint64 userId : userIds) {
        const auto it = m_byUser.constFind(userId);
        if (it == m_byUser.constEnd())
            continue;
        for (ClientConnection *connection : *it)
            connection->sendFrame(frame);
    }
}

void ConnectionShard::closeAll(quint16 code, const QString &reason)
{
    const QList<ClientConnection *> connections = m_connections.values();
    for (ClientConnection *connection : connections)
        connection->close(code, reason);
}

void ConnectionShard::dropAll()
{
    m_sweepTimer.stop();
    const QList<ClientConnection *> connections = m_connections.values();
    m_connections.clear();
    m_byUser.clear();
    for (ClientConnection *connection : connections) {
        connection->disconnect(this);
        delete connection;
    }
}

void ConnectionShard::onConnectionFrame(ClientConnection *connection, const Envelope &envelope)
{
    if (connection->isAuthenticated())
        handleAuthenticated(connection, envelope);
    else
        Q_EMIT frameReceived(connection->id(), envelope);
}

void ConnectionShard::handleFrame(quint64 connectionId, const Envelope &envelope)
{
    ClientConnection *connection = find(connectionId);
    if (connection && connection->isAuthenticated())
        handleAuthenticated(connection, envelope);
}

void ConnectionShard::handleAuthenticated(ClientConnection *connection, const Envelope &envelope)
{
    if (envelope.type == EventType::Auth) {
        connection->sendError(QStringLiteral("already_authenticated"),
            QStringLiteral("This connection is already signed in."));
        return;
    }
    if (envelope.type == EventType::Typing) {
        Result<TypingFrame> frame = TypingFrame::fromPayload(envelope.payload);
        if (!frame) {
            connection->sendError(QStringLiteral("invalid_frame"), frame.error().message);
            return;
        }
        Q_EMIT typingReceived(connection->userId(), *frame);
        return;
    }
    connection->sendError(QStringLiteral("unknown_type"),
        QStringLiteral("Frames of type \"%1\" are not understood.").arg(envelope.type));
}

void ConnectionShard::onConnectionClosed(ClientConnection *connection)
{
    // A connection says so once; it may not have been adopted yet (see adopt()).
    m_connections.remove(connection->id());
    if (const qint64 userId = connection->userId()) {
        auto it = m_byUser.find(userId);
        if (it != m_byUser.end()) {
            it->removeOne(connection);
            if (it->isEmpty())
                m_byUser.erase(it);
        }
    }
    connection->disconnect(this);
    connection->deleteLater();
    Q_EMIT closed(connection->id());
}

void ConnectionShard::sweep()
{
    const qint64 authLimit = m_settings.authTimeout.count();
    const qint64 deadLimit = m_settings.deadAfter.count();
    const bool pingNow = m_sincePing.elapsed() >= m_settings.pingInterval.count();
    if (pingNow)
        m_sincePing.restart();
    // Closing or aborting may end a connection (and change the map) while we walk it.
    const QList<ClientConnection *> connections = m_connections.values();
    for (ClientConnection *connection : connections) {
        if (!connection->isAuthenticated()) {
            if (connection->millisSinceCreated() > authLimit)
                connection->close(ClientConnection::kCloseUnauthorized,
                    QStringLiteral("No AUTH frame within %1 seconds.").arg(authLimit / 1000));
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

} // namespace Confab::Server
