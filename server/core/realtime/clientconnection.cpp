#include "server/core/realtime/clientconnection.h"

#include "server/core/auth/tokenservice.h"
#include "server/core/websocket/websocketconnection.h"
#include "server/core/websocket/websocketframeencoder.h"

namespace Confab::Server {

ClientConnection::ClientConnection(std::unique_ptr<WebSocketConnection> socket,
    const RealtimeSettings &settings, quint64 id, QObject *parent)
    : QObject(parent)
    , m_socket(std::move(socket))
    , m_id(id)
    , m_limiter(settings.maxFramesPerSecond, settings.closeAboveFramesPerSecond,
          settings.closeAfterSecondsOverLimit)
{
    // Deleted through m_socket first; as a child it only follows us to another thread.
    m_socket->setParent(this);
    m_created.start();
    m_lastPong.start();
    connect(m_socket.get(), &WebSocketConnection::textMessageReceived, this,
        &ClientConnection::onTextMessage);
    connect(m_socket.get(), &WebSocketConnection::binaryMessageReceived, this,
        &ClientConnection::onBinaryMessage);
    connect(m_socket.get(), &WebSocketConnection::pong, this, [this] { m_lastPong.restart(); });
    connect(m_socket.get(), &WebSocketConnection::disconnected, this, [this] {
        if (!m_closed) {
            m_closed = true;
            Q_EMIT closed(this);
        }
    });
}

ClientConnection::~ClientConnection()
{
    if (m_socket)
        m_socket->disconnect(this);
}

QByteArray ClientConnection::upgradeToken() const
{
    return TokenService::bearerToken(m_socket->authorization());
}

void ClientConnection::markReady(const QByteArray &readyFrame)
{
    m_ready = true;
    m_socket->sendFrame(readyFrame);
    const QList<QByteArray> held = std::exchange(m_held, {});
    for (const QByteArray &frame : held)
        m_socket->sendFrame(frame);
}

void ClientConnection::sendFrame(const QByteArray &frame)
{
    if (m_closed)
        return;
    if (!m_ready) {
        m_held.append(frame);
        return;
    }
    m_socket->sendFrame(frame);
}

void ClientConnection::sendError(const QString &code, const QString &message)
{
    if (m_closed)
        return;
    // Errors answer the client's own frame, so they need not wait for READY.
    m_socket->sendText(ErrorEvent {code, message}.toEnvelope().encode());
}

void ClientConnection::close(quint16 code, const QString &reason)
{
    m_closing = true;
    m_socket->close(code, reason.toUtf8());
}

void ClientConnection::abort()
{
    m_socket->abort();
    if (!m_closed) {
        m_closed = true;
        Q_EMIT closed(this);
    }
}

void ClientConnection::ping()
{
    m_socket->ping();
}

bool ClientConnection::admitFrame()
{
    if (m_closing || m_closed)
        return false;
    switch (m_limiter.onFrame(m_created.elapsed())) {
    case FrameLimiter::Verdict::Accept:
        return true;
    case FrameLimiter::Verdict::Drop:
        return false;
    case FrameLimiter::Verdict::DropAndWarn:
        sendError(QStringLiteral("rate_limited"),
            QStringLiteral("Too many frames; some were dropped. Send at most %1 per second.")
                .arg(m_limiter.maxPerSecond()));
        return false;
    case FrameLimiter::Verdict::Close:
        close(kCloseTooManyFrames, QStringLiteral("Too many frames."));
        return false;
    }
    return false;
}

void ClientConnection::onBinaryMessage()
{
    if (!admitFrame())
        return;
    sendError(QStringLiteral("invalid_frame"),
        QStringLiteral("Frames are JSON text; binary frames are not understood."));
}

void ClientConnection::onTextMessage(const QByteArray &utf8)
{
    if (!admitFrame())
        return;
    Result<Envelope> envelope = Envelope::decode(utf8);
    if (!envelope) {
        sendError(QStringLiteral("invalid_frame"), envelope.error().message);
        return;
    }
    Q_EMIT frameReceived(this, *envelope);
}

} // namespace Confab::Server
