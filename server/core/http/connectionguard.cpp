#include "server/core/http/connectionguard.h"

#include "common/errorbody.h"
#include "server/core/http/guardedtcpserver.h"
#include "server/core/http/httplogging.h"
#include "server/core/http/upgradehandler.h"

#include <algorithm>

#include <QSslSocket>
#include <QTcpSocket>

#include <sys/socket.h>

namespace Confab::Server {

namespace {

// Room for a pipelined request's first bytes behind the current one, so a legitimate client
// never stalls on our read-buffer cap.
constexpr qint64 kReadBufferSlack = 4 * 1024;
// While discarding, bytes are thrown away on every readyRead; this only bounds each gulp.
constexpr qint64 kDrainChunk = 64 * 1024;

QByteArrayView reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 426:
        return "Upgrade Required";
    default:
        return "Error";
    }
}

QByteArray errorResponse(const Error &error, QByteArrayView reason, QByteArrayView extraHeaders)
{
    const QByteArray body = errorToBody(error);
    return QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(error.httpStatus) + ' '
        + reason.toByteArray() + QByteArrayLiteral("\r\nContent-Type: application/json")
        + QByteArrayLiteral("\r\nContent-Length: ") + QByteArray::number(body.size())
        + QByteArrayLiteral("\r\nConnection: close\r\n") + extraHeaders.toByteArray()
        + QByteArrayLiteral("\r\n") + body;
}

} // namespace

ConnectionGuard::ConnectionGuard(
    QTcpSocket *socket, GuardedTcpServer *server, const HttpLimits &limits, Counting counting)
    : QObject(socket)
    , m_socket(socket)
    , m_server(server)
    , m_limits(limits)
    , m_counting(counting)
    , m_framer(limits)
    , m_deadline(Clock::now() + limits.idleTimeout)
{
    m_server->guardCreated(this);
    connect(m_socket, &QAbstractSocket::disconnected, this, &ConnectionGuard::onDisconnected);
    limitReadBuffer();
}

void ConnectionGuard::onDisconnected()
{
    // A socket handed to the WebSocket layer belongs to it.
    if (m_phase != Phase::Upgraded)
        m_socket->deleteLater();
}

ConnectionGuard::~ConnectionGuard()
{
    if (m_server)
        m_server->guardDestroyed(this);
}

void ConnectionGuard::watchHandshake()
{
    m_phase = Phase::Handshaking;
    m_deadline = Clock::now() + m_limits.handshakeTimeout;
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_phase == Phase::Handshaking)
            dropHandshake("TLS handshake failed");
    });
}

bool ConnectionGuard::handshakeDone()
{
    if (m_phase != Phase::Handshaking)
        return false;
    disconnect(m_socket, &QAbstractSocket::errorOccurred, this, nullptr);
    enterIdle();
    return true;
}

void ConnectionGuard::dropHandshake(const char *why)
{
    qCInfo(lcHttpGuard) << why << "for" << m_socket->peerAddress().toString() << ':'
                        << m_socket->errorString();
    // Never shown to QHttpServer: there is nobody to answer and nothing was read in the clear.
    m_phase = Phase::Closing;
    m_deadline = Clock::time_point::max();
    m_socket->abort();
    m_socket->deleteLater();
}

void ConnectionGuard::watchBeforeHttpServer()
{
    connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::onReadyReadBeforeHttpServer);
    // A response still being written (a slow download, a deferred reply) is not idleness.
    connect(m_socket, &QIODevice::bytesWritten, this, [this] {
        if (m_phase == Phase::Idle)
            m_deadline = Clock::now() + m_limits.idleTimeout;
    });
}

void ConnectionGuard::watchAfterHttpServer()
{
    connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::onReadyReadAfterHttpServer);
    // QHttpServer 6.4 also reads once from a zero-timer queued when it adopted the socket, outside
    // any readyRead round; our call is queued right behind it, so it records what that read left.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_phase == Phase::Idle || m_phase == Phase::InRequest)
                onReadyReadAfterHttpServer();
        },
        Qt::QueuedConnection);
}

void ConnectionGuard::refuseBusy()
{
    qCInfo(lcHttpGuard) << "refusing connection from" << m_socket->peerAddress().toString()
                        << ": connection limit reached";
    rejectWith(Reply::ServerBusy);
}

void ConnectionGuard::onReadyReadBeforeHttpServer()
{
    if (m_phase == Phase::Upgraded || m_phase == Phase::Closing)
        return;
    const qint64 available = m_socket->bytesAvailable();
    if (available < m_unreadAfterRound) {
        // Someone read between two rounds; that would make us skip or re-parse bytes.
        qCWarning(lcHttpGuard) << "bytes were read outside a readyRead round; accounting reset";
        m_unreadAfterRound = available;
    }
    if (available == m_unreadAfterRound)
        return; // QHttpServer re-emitting readyRead for pipelined requests we already saw
    // peek() starts where a pending transaction of QHttpServer's stands, like bytesAvailable().
    const QByteArray unread = m_socket->peek(available);
    const qint64 alreadySeen = std::min<qint64>(m_unreadAfterRound, unread.size());
    m_unreadAfterRound = unread.size(); // in case no after-slot runs this round (an upgrade)
    inspect(QByteArrayView(unread).sliced(alreadySeen));
}

void ConnectionGuard::onReadyReadAfterHttpServer()
{
    if (m_phase == Phase::Idle || m_phase == Phase::InRequest)
        m_unreadAfterRound = m_socket->bytesAvailable();
}

void ConnectionGuard::inspect(QByteArrayView fresh)
{
    while (!fresh.isEmpty()) {
        const bool wasInRequest = m_framer.inRequest();
        const HttpRequestFramer::Step step = m_framer.feed(fresh);
        fresh = fresh.sliced(step.consumed);
        const bool completed = step.outcome == HttpRequestFramer::Outcome::RequestComplete
            || step.outcome == HttpRequestFramer::Outcome::UpgradeComplete;
        m_requestBytes += step.consumed;
        if (m_server)
            m_server->noteInspected(step.consumed, completed ? 1 : 0);
        if (!wasInRequest && (m_framer.inRequest() || completed)) {
            m_phase = Phase::InRequest;
            m_deadline = Clock::now() + m_limits.requestTimeout;
        }
        switch (step.outcome) {
        case HttpRequestFramer::Outcome::NeedMoreData:
            break;
        case HttpRequestFramer::Outcome::RequestComplete:
            m_requestBytes = 0;
            enterIdle();
            break;
        case HttpRequestFramer::Outcome::UpgradeComplete:
            if (m_server && m_server->upgradeHandler())
                handUpgradeOver(fresh.size());
            else
                enterUpgraded();
            return;
        case HttpRequestFramer::Outcome::Rejected:
            switch (m_framer.rejection()) {
            case HttpRequestFramer::Rejection::HeadersTooLarge:
                rejectWith(Reply::HeadersTooLarge);
                break;
            case HttpRequestFramer::Rejection::PayloadTooLarge:
                rejectWith(Reply::PayloadTooLarge);
                break;
            case HttpRequestFramer::Rejection::LengthRequired:
                rejectWith(Reply::LengthRequired);
                break;
            case HttpRequestFramer::Rejection::BadRequest:
            case HttpRequestFramer::Rejection::None:
                rejectWith(Reply::BadRequest);
                break;
            }
            return;
        }
    }
    limitReadBuffer();
}

void ConnectionGuard::enterIdle()
{
    m_phase = Phase::Idle;
    m_deadline = Clock::now() + m_limits.idleTimeout;
}

void ConnectionGuard::enterUpgraded()
{
    qCDebug(lcHttpGuard) << "connection upgraded to WebSocket; HTTP limits no longer apply";
    m_phase = Phase::Upgraded;
    // QWebSocket reads frames of its own sizes and enforces its own limits.
    m_socket->setReadBufferSize(0);
    disconnect(m_socket, &QIODevice::readyRead, this, nullptr);
    disconnect(m_socket, &QIODevice::bytesWritten, this, nullptr);
}

void ConnectionGuard::handUpgradeOver(qsizetype bytesAfterRequest)
{
    UpgradeHandler *handler = m_server->upgradeHandler();
    const QByteArray head = m_framer.takeUpgradeRequest();
    if (const std::optional<HttpRefusal> refusal = handler->check(head)) {
        qCInfo(lcHttpGuard) << "refusing upgrade from" << m_socket->peerAddress().toString()
                            << "with" << refusal->error.httpStatus << refusal->error.code;
        replyAndClose(refusal->error, refusal->extraHeaders);
        return;
    }
    // Cut QHttpServer off before its readyRead slot runs in this round (ours runs first, and a
    // slot disconnected during an emission is not called), and before it hands the socket to
    // its QWebSocketServer. Its `destroyed` hook stays: it frees QHttpServer's request object.
    QObject::disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
    QObject::disconnect(m_socket, &QIODevice::bytesWritten, nullptr, nullptr);
    QObject::disconnect(m_socket, &QAbstractSocket::disconnected, nullptr, nullptr);
    // QHttpServer reads a request inside a transaction it commits only once the request is
    // complete: rewinding puts the socket back at the upgrade request's first byte.
    if (m_socket->isTransactionStarted())
        m_socket->rollbackTransaction();
    if (m_socket->bytesAvailable() != m_requestBytes + bytesAfterRequest) {
        // Requests pipelined before the upgrade are still unanswered; they would be lost.
        qCInfo(lcHttpGuard) << "refusing upgrade pipelined behind other requests from"
                            << m_socket->peerAddress().toString();
        connect(m_socket, &QAbstractSocket::disconnected, this, &ConnectionGuard::onDisconnected);
        rejectWith(Reply::BadRequest);
        return;
    }
    // Taken with read(), not skip(): read() hands over Qt's read-buffer chunk (zero-copy when
    // it holds everything), while skip() would leave an empty 16 KB chunk with the socket for
    // as long as the connection lives.
    const QByteArray received = m_socket->read(m_socket->bytesAvailable());
    qCDebug(lcHttpGuard) << "connection upgraded to WebSocket; HTTP limits no longer apply";
    m_phase = Phase::Upgraded;
    m_deadline = Clock::time_point::max();
    m_socket->setReadBufferSize(0);
    disconnect(m_socket, nullptr, this, nullptr);
    // The WebSocket layer may move the socket, and with it its children, to a thread of its
    // own. The guard stays with the server on this one, still counting the connection, until
    // the socket is gone.
    setParent(m_server);
    connect(
        m_socket, &QObject::destroyed, this, [this] { delete this; }, Qt::QueuedConnection);
    handler->take(m_socket, head, received.sliced(m_requestBytes));
}

void ConnectionGuard::rejectWith(Reply reply)
{
    if (m_phase == Phase::Upgraded || m_phase == Phase::Closing)
        return;
    Error error;
    QByteArrayView reason;
    QByteArrayView extraHeaders;
    switch (reply) {
    case Reply::BadRequest:
        error = makeError(400, QStringLiteral("bad_request"),
            QStringLiteral("The request is not well-formed HTTP/1.1."));
        reason = "Bad Request";
        break;
    case Reply::HeadersTooLarge:
        error = makeError(431, QStringLiteral("headers_too_large"),
            QStringLiteral("The request line and headers exceed %1 bytes.")
                .arg(m_limits.maxHeaderBytes));
        reason = "Request Header Fields Too Large";
        break;
    case Reply::PayloadTooLarge:
        error = makeError(413, QStringLiteral("payload_too_large"),
            QStringLiteral("The request body exceeds %1 bytes, the limit for this "
                           "request.")
                .arg(m_framer.currentBodyLimit()));
        reason = "Payload Too Large";
        break;
    case Reply::LengthRequired:
        error = makeError(411, QStringLiteral("length_required"),
            QStringLiteral("Send the request body with a Content-Length header; "
                           "Transfer-Encoding is not accepted."));
        reason = "Length Required";
        break;
    case Reply::RequestTimeout:
        error = makeError(408, QStringLiteral("request_timeout"),
            QStringLiteral("The request was not received completely within %1 ms.")
                .arg(m_limits.requestTimeout.count()));
        reason = "Request Timeout";
        break;
    case Reply::ServerBusy:
        error = makeError(503, QStringLiteral("server_busy"),
            QStringLiteral("The server has too many open connections; try again "
                           "shortly."));
        reason = "Service Unavailable";
        extraHeaders = "Retry-After: 1\r\n";
        break;
    }
    if (reply != Reply::ServerBusy)
        qCInfo(lcHttpGuard) << "rejecting request from" << m_socket->peerAddress().toString()
                            << "with" << error.httpStatus << error.code;
    startClosing();
    m_socket->write(errorResponse(error, reason, extraHeaders));
    lingerAfterReply();
}

void ConnectionGuard::replyAndClose(const Error &error, QByteArrayView extraHeaders)
{
    if (m_phase == Phase::Upgraded || m_phase == Phase::Closing)
        return;
    startClosing();
    m_socket->write(errorResponse(error, reasonPhrase(error.httpStatus), extraHeaders));
    lingerAfterReply();
}

void ConnectionGuard::lingerAfterReply()
{
    // Lingering close, as nginx and Apache do it: our FIN after the reply tells the client the
    // answer is complete, while we keep reading (and discarding) what it still sends, so no RST
    // can destroy the reply in the client's receive buffer.
    // Over TLS, bytesWritten comes when the reply is encrypted, before the records reach the
    // plain socket: only encryptedBytesWritten says they left.
    if (auto *tls = qobject_cast<QSslSocket *>(m_socket))
        connect(
            tls, &QSslSocket::encryptedBytesWritten, this, &ConnectionGuard::halfCloseWhenFlushed);
    else
        connect(m_socket, &QIODevice::bytesWritten, this, &ConnectionGuard::halfCloseWhenFlushed);
    m_socket->flush();
    halfCloseWhenFlushed();
}

void ConnectionGuard::halfCloseWhenFlushed()
{
    if (m_halfClosed || m_socket->bytesToWrite() > 0
        || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    auto *tls = qobject_cast<QSslSocket *>(m_socket);
    // Over TLS the reply waits as records in the plain socket once bytesToWrite() is 0.
    if (tls && tls->encryptedBytesToWrite() > 0)
        return;
    m_halfClosed = true;
    ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
}

void ConnectionGuard::closeQuietly()
{
    startClosing();
    // Nothing is unread (no request was in progress), so a plain close sends no RST.
    m_socket->disconnectFromHost();
}

void ConnectionGuard::startClosing()
{
    m_phase = Phase::Closing;
    m_deadline = Clock::now() + m_limits.lingerTimeout;
    // Cut QHttpServer off: from now on only we read this socket, and only to throw bytes away.
    // Our own slot runs first in a readyRead round, so QHttpServer's is not called for this one.
    QObject::disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
    disconnect(m_socket, &QIODevice::bytesWritten, this, nullptr);
    connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::discardIncoming);
    m_socket->setReadBufferSize(kDrainChunk);
    discardIncoming();
}

void ConnectionGuard::discardIncoming()
{
    // A transaction QHttpServer left open would keep every byte we "read" in memory.
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->skip(m_socket->bytesAvailable());
}

void ConnectionGuard::finishClosing()
{
    m_deadline = Clock::time_point::max();
    if (m_socket->state() != QAbstractSocket::UnconnectedState) {
        if (m_socket->bytesToWrite() > 0)
            m_socket->abort(); // the client does not read; waiting longer helps nobody
        else
            m_socket->close();
    }
    m_socket->deleteLater();
}

void ConnectionGuard::checkDeadline(Clock::time_point now)
{
    if (now < m_deadline)
        return;
    switch (m_phase) {
    case Phase::Handshaking:
        dropHandshake("TLS handshake timed out");
        break;
    case Phase::Idle:
        qCDebug(lcHttpGuard) << "closing idle connection from"
                             << m_socket->peerAddress().toString();
        closeQuietly();
        break;
    case Phase::InRequest:
        rejectWith(Reply::RequestTimeout);
        break;
    case Phase::Closing:
        finishClosing();
        break;
    case Phase::Upgraded:
        break;
    }
}

void ConnectionGuard::limitReadBuffer()
{
    if (m_phase != Phase::Idle && m_phase != Phase::InRequest)
        return;
    // QHttpServer keeps the request it is reading inside a QIODevice transaction, so the buffer
    // must hold one whole request; capping it there is what keeps a huge upload out of memory.
    m_socket->setReadBufferSize(m_limits.maxHeaderBytes
        + std::max(m_limits.maxBodyBytes, m_framer.currentBodyLimit()) + kReadBufferSlack);
}

} // namespace Confab::Server
