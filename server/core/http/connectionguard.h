#pragma once

#include "server/core/http/httplimits.h"
#include "server/core/http/httprequestframer.h"

#include "common/error.h"

#include <chrono>

#include <QObject>

class QTcpSocket;

namespace Confab::Server {

class GuardedTcpServer;

/// Watches one accepted connection on behalf of GuardedTcpServer: sees every byte before
/// QHttpServer does, frames the requests itself and, when one breaks a limit or a timeout runs
/// out, answers with a JSON error, cuts QHttpServer off the connection and closes it gently.
///
/// It is a child of the socket, so it lives exactly as long as the socket, whoever deletes it
/// (QHttpServer, the WebSocketConnection or QWebSocket that took the socket over, or ourselves):
/// its destructor is what keeps GuardedTcpServer's connection count right. With an upgrade
/// handler on the server, a complete WebSocket upgrade request goes to it (handUpgradeOver)
/// before QHttpServer reads it.
class ConnectionGuard : public QObject
{
    Q_OBJECT

public:
    using Clock = std::chrono::steady_clock;
    enum class Phase {
        Handshaking, ///< a TLS handshake is in progress: the handshake timeout runs
        Idle, ///< no request in progress: the idle timeout runs
        InRequest, ///< first byte of a request seen: the request timeout runs
        Upgraded, ///< handed to the WebSocket layer: no more HTTP checks, only counted
        Closing, ///< an error reply was sent or a timeout hit: discarding input until closed
    };
    enum class Counting { Counted, NotCounted };

    ConnectionGuard(
        QTcpSocket *socket, GuardedTcpServer *server, const HttpLimits &limits, Counting counting);
    ~ConnectionGuard() override;

    /// For a TLS socket before its handshake starts: the handshake deadline runs, and a failed
    /// handshake (a plain-text client, for one) closes the connection without a reply.
    void watchHandshake();
    /// The TLS handshake succeeded; false when the connection is already being closed.
    bool handshakeDone();
    /// Must be called before QHttpServer sees the socket (before addPendingConnection()), so that
    /// our readyRead slot runs before QHttpServer's.
    void watchBeforeHttpServer();
    /// Must be called right after addPendingConnection(), when QHttpServer 6.4 (which listens to
    /// pendingConnectionAvailable) has connected its readyRead slot: ours then runs after it.
    void watchAfterHttpServer();
    /// Answers 503 at once and closes; for connections over the limit, never shown to QHttpServer.
    void refuseBusy();

    /// Called by the server's sweep timer: acts on an expired idle, request or linger deadline.
    void checkDeadline(Clock::time_point now);
    /// The server is going away; the guard must not call it any more.
    void detachFromServer() { m_server = nullptr; }

    Phase phase() const { return m_phase; }
    Counting counting() const { return m_counting; }

private:
    enum class Reply {
        BadRequest,
        HeadersTooLarge,
        PayloadTooLarge,
        LengthRequired,
        RequestTimeout,
        ServerBusy
    };

    void onReadyReadBeforeHttpServer();
    void onReadyReadAfterHttpServer();
    void inspect(QByteArrayView fresh);
    void enterIdle();
    void enterUpgraded();
    void handUpgradeOver(qsizetype bytesAfterRequest);
    void onDisconnected();
    void replyAndClose(const Error &error, QByteArrayView extraHeaders);
    void lingerAfterReply();
    void rejectWith(Reply reply);
    void closeQuietly();
    void dropHandshake(const char *why);
    void startClosing();
    void discardIncoming();
    void halfCloseWhenFlushed();
    void finishClosing();
    void limitReadBuffer();

    QTcpSocket *const m_socket;
    GuardedTcpServer *m_server;
    const HttpLimits m_limits;
    const Counting m_counting;
    HttpRequestFramer m_framer;
    Phase m_phase = Phase::Idle;
    Clock::time_point m_deadline;
    /// Bytes still unread in the socket when the last readyRead round ended (QHttpServer leaves
    /// pipelined requests there and re-emits readyRead for them later): they were inspected.
    qint64 m_unreadAfterRound = 0;
    /// Bytes of the current request framed so far, from the end of the previous one.
    qint64 m_requestBytes = 0;
    bool m_halfClosed = false;
};

} // namespace Confab::Server
