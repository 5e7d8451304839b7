#pragma once

#include "server/core/realtime/framelimiter.h"
#include "server/core/realtime/realtimesettings.h"

#include "common/events.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>

namespace Confab::Server {

class WebSocketConnection;

/// One WebSocket of one device. Starts unauthenticated; once the hub has sent READY it
/// carries events. Frames sent before READY are held back so that READY always comes first.
class ClientConnection : public QObject
{
    Q_OBJECT
public:
    /// Close codes of our own (4000-4999 are the application's).
    static constexpr quint16 kCloseUnauthorized = 4401;
    static constexpr quint16 kCloseTooManyFrames = 4429;

    /// `id` names the connection between the hub and its ConnectionShard. The socket becomes
    /// a child, so that moving the connection to a shard's thread moves the socket along.
    ClientConnection(std::unique_ptr<WebSocketConnection> socket, const RealtimeSettings &settings,
        quint64 id, QObject *parent = nullptr);
    ~ClientConnection() override;

    quint64 id() const { return m_id; }

    qint64 userId() const { return m_userId; }
    bool isAuthenticated() const { return m_userId != 0; }
    void setUserId(qint64 userId) { m_userId = userId; }
    /// The socket is gone (closed() has been emitted).
    bool isClosed() const { return m_closed; }

    /// Sends READY and then whatever was queued while authenticating. Frames are complete
    /// WebSocket frames (WebSocketFrameEncoder), written as they are.
    void markReady(const QByteArray &readyFrame);
    /// Sends a frame, or holds it until READY. A fan-out passes every connection the same
    /// bytes, so each event is framed once.
    void sendFrame(const QByteArray &frame);
    void sendError(const QString &code, const QString &message);
    void close(quint16 code, const QString &reason);
    /// Drops a peer that stopped answering, without a closing handshake.
    void abort();

    /// The upgrade request's Authorization header, if it had one.
    QByteArray upgradeToken() const;

    qint64 millisSinceCreated() const { return m_created.elapsed(); }
    qint64 millisSincePong() const { return m_lastPong.elapsed(); }
    void ping();

Q_SIGNALS:
    void frameReceived(ClientConnection *connection, const Envelope &envelope);
    void closed(ClientConnection *connection);

private:
    void onTextMessage(const QByteArray &utf8);
    void onBinaryMessage();
    /// Applies the frame rate limit; false when the frame is to be ignored.
    bool admitFrame();

    std::unique_ptr<WebSocketConnection> m_socket;
    const quint64 m_id;
    qint64 m_userId = 0;
    bool m_ready = false;
    bool m_closed = false;
    bool m_closing = false; ///< we sent a close frame; later frames are ignored
    FrameLimiter m_limiter;
    QList<QByteArray> m_held;
    QElapsedTimer m_created;
    QElapsedTimer m_lastPong;
};

} // namespace Confab::Server
