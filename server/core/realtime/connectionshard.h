#pragma once

#include "server/core/realtime/realtimesettings.h"

#include "common/events.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

namespace Confab::Server {

class ClientConnection;

/// The WebSockets of one connection thread. The hub decides everything about a connection
/// (who it belongs to, when it is ready, what it receives) and tells the shard by posting
/// calls to it; the shard does the socket work in its own thread: reading and decoding
/// frames, writing fan-outs, pings, dead peers and the authentication deadline. What a
/// connection sends, and its end, go back to the hub as queued signals.
///
/// Every method except the constructor runs in the shard's thread. Connections are named by
/// the ids the hub gave them: a call for a connection that has closed meanwhile is ignored.
class ConnectionShard : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionShard(const RealtimeSettings &settings, QObject *parent = nullptr);
    ~ConnectionShard() override;

    /// Starts the shard's timer; call in its thread before anything else.
    void start();
    /// Takes a connection that the hub has moved to this thread (its signals must already be
    /// connected to onConnectionFrame and onConnectionClosed, which may be called before this).
    void adopt(ClientConnection *connection);
    /// The connection belongs to `userId` from now on: fan-outs to the user reach it, held
    /// until markReady().
    void setUser(quint64 connectionId, qint64 userId);
    void markReady(quint64 connectionId, const QByteArray &readyFrame);
    void sendError(quint64 connectionId, const QString &code, const QString &message);
    void close(quint64 connectionId, quint16 code, const QString &reason);
    /// Writes `frame` (a complete WebSocket frame) to every connection here of every user in
    /// `userIds`.
    void deliver(const QByteArray &frame, const QList<qint64> &userIds);
    /// Starts the closing handshake of every connection here.
    void closeAll(quint16 code, const QString &reason);
    /// Deletes every connection at once (the shard's thread is about to end).
    void dropAll();
    /// Handles a frame of an authenticated connection that reached the hub before the
    /// shard knew it was authenticated.
    void handleFrame(quint64 connectionId, const Envelope &envelope);

    void onConnectionFrame(ClientConnection *connection, const Envelope &envelope);
    void onConnectionClosed(ClientConnection *connection);

Q_SIGNALS:
    /// A frame of a connection that is not authenticated as far as the shard knows (AUTH).
    void frameReceived(quint64 connectionId, const Envelope &envelope);
    /// A well-formed TYPING frame of an authenticated user.
    void typingReceived(qint64 userId, const TypingFrame &frame);
    void closed(quint64 connectionId);

private:
    /// Answers what needs nothing of the hub here, so that a flood is answered in order before
    /// any close; TYPING goes on to the hub.
    void handleAuthenticated(ClientConnection *connection, const Envelope &envelope);
    ClientConnection *find(quint64 connectionId) const { return m_connections.value(connectionId); }
    void sweep();

    const RealtimeSettings &m_settings;
    QHash<quint64, ClientConnection *> m_connections;
    QHash<qint64, QList<ClientConnection *>> m_byUser;
    QElapsedTimer m_sincePing;
    QTimer m_sweepTimer;
};

} // namespace Confab::Server
