#pragma once

#include "server/core/websocket/websocketframeparser.h"

#include <QByteArray>
#include <QObject>

#include <chrono>

class QTcpSocket;
class QTimer;

namespace Confab::Server {

/// One accepted WebSocket on the server: owns its TCP (or TLS) socket once the 101 answer has
/// been written, reads client frames through a WebSocketFrameParser, answers pings and the
/// closing handshake, and writes frames that callers built beforehand as they are, so a
/// fan-out frames each event once for all its recipients.
class WebSocketConnection : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        qint64 maxMessageBytes = 1024 * 1024;
        /// After our close frame, how long the peer has to answer with its own.
        std::chrono::milliseconds closeTimeout {std::chrono::seconds(5)};
    };

    /// Takes the socket over (it becomes our child). `received` (bytes the client sent after
    /// the upgrade request, already read from the socket) and whatever the socket holds are
    /// parsed from the event loop, after the caller has connected its slots.
    WebSocketConnection(QTcpSocket *socket, QByteArray authorization, const Limits &limits,
        QByteArray received = {}, QObject *parent = nullptr);
    ~WebSocketConnection() override;

    /// The upgrade request's Authorization header, if it had one.
    const QByteArray &authorization() const { return m_authorization; }
    /// Neither side has started closing, and the socket is connected.
    bool isOpen() const { return m_state == State::Open; }

    /// Writes a complete frame (WebSocketFrameEncoder) as it is; ignored once closing.
    void sendFrame(const QByteArray &frame);
    void sendText(QByteArrayView utf8);
    void ping();
    /// Starts the closing handshake: the connection ends when the peer answers, or after
    /// Limits::closeTimeout.
    void close(quint16 code, QByteArrayView reasonUtf8);
    /// Drops the connection at once, without a closing handshake.
    void abort();

Q_SIGNALS:
    void textMessageReceived(const QByteArray &utf8);
    void binaryMessageReceived(const QByteArray &payload);
    void pong();
    /// The TCP connection is gone (after a closing handshake, a failure or an abort).
    void disconnected();

private:
    enum class State { Open, Closing, Closed };

    void onReadyRead();
    void parse(QByteArrayView data);
    /// Acts on one parser event; false when reading must stop.
    bool handle(WebSocketFrameParser::Event event);
    void write(const QByteArray &bytes);
    void armCloseTimer();
    void finish();

    QTcpSocket *m_socket;
    const QByteArray m_authorization;
    const std::chrono::milliseconds m_closeTimeout;
    WebSocketFrameParser m_parser;
    State m_state = State::Open;
    QTimer *m_closeTimer = nullptr;
    QByteArray m_received;
    /// Plain TCP: frames go to the kernel at once when nothing is queued (see write()).
    const bool m_writesDirectly;
};

} // namespace Confab::Server
