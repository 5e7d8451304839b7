#include "server/core/websocket/websocketconnection.h"

#include "server/core/websocket/socketsend.h"
#include "server/core/websocket/websocketframeencoder.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

namespace Confab::Server {

using namespace WebSocketProtocol;

WebSocketConnection::WebSocketConnection(QTcpSocket *socket, QByteArray authorization,
    const Limits &limits, QByteArray received, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_authorization(std::move(authorization))
    , m_closeTimeout(limits.closeTimeout)
    , m_parser(limits.maxMessageBytes)
    , m_received(std::move(received))
    , m_writesDirectly(qobject_cast<QSslSocket *>(socket) == nullptr)
{
    m_socket->setParent(this);
    // Every write is a whole frame, and Qt sends what was written during one pass of the event
    // loop in one go anyway; Nagle's algorithm would only hold a frame back behind an
    // unacknowledged one (up to the peer's delayed-ACK time).
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QIODevice::readyRead, this, &WebSocketConnection::onReadyRead);
    connect(m_socket, &QAbstractSocket::disconnected, this, &WebSocketConnection::finish);
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        m_state = State::Closed;
        QMetaObject::invokeMethod(this, &WebSocketConnection::disconnected, Qt::QueuedConnection);
        return;
    }
    if (!m_received.isEmpty() || m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &WebSocketConnection::onReadyRead, Qt::QueuedConnection);
}

WebSocketConnection::~WebSocketConnection()
{
    // Deleting the socket (our child) emits nothing we want to hear.
    m_socket->disconnect(this);
}

void WebSocketConnection::write(const QByteArray &bytes)
{
    // Plain TCP with nothing queued: straight to the kernel. QTcpSocket would copy the frame
    // into its buffer, switch a write notifier on, send on the next pass of the event loop and
    // switch the notifier off again, for every connection of a fan-out. What the kernel does
    // not take now (a full send buffer) is queued behind, so frames keep their order. TLS
    // sockets must encrypt, so they always go through QSslSocket.
    if (m_writesDirectly && m_socket->bytesToWrite() == 0
        && m_socket->state() == QAbstractSocket::ConnectedState) {
        const qsizetype sent = sendWithoutBlocking(m_socket->socketDescriptor(), bytes);
        if (sent == bytes.size())
            return;
        if (sent > 0) {
            m_socket->write(bytes.constData() + sent, bytes.size() - sent);
            return;
        }
    }
    m_socket->write(bytes);
}

void WebSocketConnection::sendFrame(const QByteArray &frame)
{
    if (m_state == State::Open)
        write(frame);
}

void WebSocketConnection::sendText(QByteArrayView utf8)
{
    sendFrame(WebSocketFrameEncoder::text(utf8));
}

void WebSocketConnection::ping()
{
    sendFrame(WebSocketFrameEncoder::ping());
}

void WebSocketConnection::close(quint16 code, QByteArrayView reasonUtf8)
{
    if (m_state != State::Open)
        return;
    m_state = State::Closing;
    write(WebSocketFrameEncoder::close(code, reasonUtf8));
    armCloseTimer();
}

void WebSocketConnection::armCloseTimer()
{
    // One timer, only while closing: an open connection costs no timer. A peer that neither
    // answers our close nor reads what we still have to send is dropped when it runs out.
    if (m_closeTimer)
        return;
    m_closeTimer = new QTimer(this);
    m_closeTimer->setSingleShot(true);
    connect(m_closeTimer, &QTimer::timeout, this, &WebSocketConnection::abort);
    m_closeTimer->start(m_closeTimeout);
}

void WebSocketConnection::abort()
{
    if (m_state == State::Closed)
        return;
    m_socket->abort(); // emits disconnected, hence finish(), when it was connected
    finish();
}

void WebSocketConnection::finish()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    if (m_closeTimer)
        m_closeTimer->stop();
    Q_EMIT disconnected();
}

void WebSocketConnection::onReadyRead()
{
    if (m_state == State::Closed)
        return;
    if (!m_received.isEmpty()) {
        const QByteArray early = std::exchange(m_received, {});
        parse(early);
        if (m_state == State::Closed || m_parser.hasFailed())
            return;
    }
    // read(), not readAll(): when one chunk holds everything, read() takes Qt's read-buffer
    // chunk itself, so an idle connection keeps no buffer (readAll() copies and leaves it).
    const QByteArray data = m_socket->read(m_socket->bytesAvailable());
    parse(data);
}

void WebSocketConnection::parse(QByteArrayView data)
{
    QByteArrayView rest(data);
    while (!rest.isEmpty()) {
        const WebSocketFrameParser::Step step = m_parser.feed(rest);
        rest = rest.sliced(step.consumed);
        if (!handle(step.event))
            return;
    }
}

bool WebSocketConnection::handle(WebSocketFrameParser::Event event)
{
    using Event = WebSocketFrameParser::Event;
    switch (event) {
    case Event::NeedMoreData:
        return true;
    case Event::Text:
        if (m_state == State::Open)
            Q_EMIT textMessageReceived(m_parser.takePayload());
        // A slot may have closed or aborted us.
        return m_state != State::Closed;
    case Event::Binary:
        if (m_state == State::Open)
            Q_EMIT binaryMessageReceived(m_parser.takePayload());
        return m_state != State::Closed;
    case Event::Ping:
        if (m_state == State::Open)
            write(WebSocketFrameEncoder::pong(m_parser.takePayload()));
        return true;
    case Event::Pong:
        Q_EMIT pong();
        return m_state != State::Closed;
    case Event::Close:
        // The peer's close answers ours, or starts the handshake and gets its code echoed.
        if (m_state == State::Open) {
            m_state = State::Closing;
            write(m_parser.closeCode() == kCloseNoStatus
                    ? WebSocketFrameEncoder::emptyClose()
                    : WebSocketFrameEncoder::close(m_parser.closeCode(), {}));
        }
        // The server ends the TCP connection (RFC 6455 §7.1.1), once our bytes are out.
        armCloseTimer();
        m_socket->disconnectFromHost();
        return false;
    case Event::Failed:
        // Fail the connection (§7.1.7): say why, then close without waiting for an answer.
        if (m_state == State::Open) {
            m_state = State::Closing;
            write(WebSocketFrameEncoder::close(m_parser.closeCode(), m_parser.closeReason()));
        }
        armCloseTimer();
        m_socket->disconnectFromHost();
        return false;
    }
    return false;
}

} // namespace Confab::Server
