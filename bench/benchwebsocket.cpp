#include "bench/benchwebsocket.h"

#include "bench/sourcebinding.h"

#include <QRandomGenerator>
#include <QSignalBlocker>
#include <QSocketNotifier>

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace Confab::Bench {

namespace {
constexpr int kText = 0x1;
constexpr int kContinuation = 0x0;
constexpr int kClose = 0x8;
constexpr int kPing = 0x9;
constexpr int kPong = 0xA;
} // namespace

BenchWebSocket::BenchWebSocket(
    QHostAddress source, QHostAddress server, quint16 port, QByteArray token, QObject *parent)
    : QObject(parent)
    , m_source(std::move(source))
    , m_server(std::move(server))
    , m_port(port)
    , m_token(std::move(token))
{
    connect(&m_socket, &QTcpSocket::connected, this, &BenchWebSocket::onConnected);
    connect(&m_socket, &QTcpSocket::readyRead, this, &BenchWebSocket::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, &BenchWebSocket::onDisconnected);
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_state != State::Closed && m_state != State::Idle)
            fail(m_socket.errorString());
    });
}

BenchWebSocket::~BenchWebSocket()
{
    // The socket is destroyed after the other members and aborts on the way, which emits
    // signals whose handlers would touch them.
    m_socket.disconnect(this);
    m_socket.abort();
    releaseDescriptor();
}

void BenchWebSocket::open()
{
    releaseDescriptor();
    m_buffer.clear();
    m_fragments.clear();
    m_state = State::Connecting;
    if (!m_source.isNull() && !bindSource(m_socket, m_source)) {
        fail(QStringLiteral("cannot bind %1: %2").arg(m_source.toString(), m_socket.errorString()));
        return;
    }
    m_socket.connectToHost(m_server, m_port);
}

void BenchWebSocket::abort()
{
    m_state = State::Idle;
    m_socket.abort();
    releaseDescriptor();
}

void BenchWebSocket::takeOverDescriptor()
{
    // A second descriptor of the same connection; QTcpSocket then closes its own (without a
    // shutdown(), so the connection stays up) and is ready for the next open().
    m_fd = ::dup(int(m_socket.socketDescriptor()));
    {
        const QSignalBlocker quiet(&m_socket);
        m_socket.abort();
    }
    if (m_fd < 0) {
        fail(QStringLiteral("cannot take the connection over (errno %1)").arg(errno));
        return;
    }
    m_readable = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    connect(m_readable.get(), &QSocketNotifier::activated, this, &BenchWebSocket::onReadable);
}

void BenchWebSocket::releaseDescriptor()
{
    if (m_readable) {
        // We may be inside its activated(): unregister now, delete later.
        m_readable->setEnabled(false);
        m_readable.release()->deleteLater();
    }
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

void BenchWebSocket::onReadable()
{
    // The socket is non-blocking (the flag belongs to the connection, shared by both
    // descriptors): read what is there, then let the notifier tell us of more.
    char chunk[65536];
    for (;;) {
        const ssize_t got = ::recv(m_fd, chunk, sizeof chunk, MSG_DONTWAIT);
        if (got > 0) {
            m_buffer.append(chunk, qsizetype(got));
            if (size_t(got) < sizeof chunk)
                break;
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        fail(got == 0 ? QStringLiteral("the server closed the connection")
                      : QStringLiteral("receiving failed (errno %1)").arg(errno));
        return;
    }
    readFrames();
}

void BenchWebSocket::onConnected()
{
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    quint32 nonce[4];
    QRandomGenerator::global()->fillRange(nonce);
    const QByteArray key = QByteArray(reinterpret_cast<const char *>(nonce), 16).toBase64();
    QByteArray request;
    request.reserve(256 + m_token.size());
    request += "GET /ws HTTP/1.1\r\nHost: " + m_server.toString().toLatin1() + ':'
        + QByteArray::number(m_port)
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
          "Sec-WebSocket-Key: "
        + key + "\r\nAuthorization: Bearer " + m_token + "\r\n\r\n";
    m_state = State::Upgrading;
    m_socket.write(request);
}

void BenchWebSocket::onReadyRead()
{
    m_buffer += m_socket.readAll();
    if (m_state == State::Upgrading && !readUpgradeResponse())
        return;
    if (m_state != State::Open)
        return;
    takeOverDescriptor();
    if (m_state == State::Open)
        readFrames();
}

bool BenchWebSocket::readUpgradeResponse()
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QByteArray statusLine = m_buffer.left(m_buffer.indexOf("\r\n"));
    if (!statusLine.startsWith("HTTP/1.1 101")) {
        fail(QStringLiteral("upgrade refused: %1").arg(QString::fromLatin1(statusLine)));
        return false;
    }
    m_buffer.remove(0, end + 4);
    m_state = State::Open;
    return true;
}

void BenchWebSocket::readFrames()
{
    qsizetype offset = 0;
    while (m_buffer.size() - offset >= 2) {
        const auto *bytes = reinterpret_cast<const uchar *>(m_buffer.constData() + offset);
        const qsizetype available = m_buffer.size() - offset;
        const bool fin = bytes[0] & 0x80;
        const int opcode = bytes[0] & 0x0F;
        const bool masked = bytes[1] & 0x80;
        quint64 length = bytes[1] & 0x7F;
        qsizetype header = 2;
        if (length == 126) {
            if (available < 4)
                break;
            length = (quint64(bytes[2]) << 8) | bytes[3];
            header = 4;
        } else if (length == 127) {
            if (available < 10)
                break;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | bytes[2 + i];
            header = 10;
        }
        const qsizetype maskBytes = masked ? 4 : 0;
        if (quint64(available) < quint64(header + maskBytes) + length)
            break;
        QByteArray payload = m_buffer.mid(offset + header + maskBytes, qsizetype(length));
        if (masked) {
            const uchar *mask = bytes + header;
            for (qsizetype i = 0; i < payload.size(); ++i)
                payload[i] = char(payload[i] ^ mask[i % 4]);
        }
        offset += header + maskBytes + qsizetype(length);
        if (opcode == kContinuation || !fin) {
            if (opcode != kContinuation)
                m_fragmentOpcode = opcode;
            m_fragments += payload;
            if (!fin)
                continue;
            handleFrame(m_fragmentOpcode, m_fragments);
            m_fragments.clear();
        } else {
            handleFrame(opcode, payload);
        }
        if (m_state == State::Closed)
            return;
    }
    m_buffer.remove(0, offset);
}

void BenchWebSocket::handleFrame(int opcode, const QByteArray &payload)
{
    switch (opcode) {
    case kText:
        if (m_state == State::Open) {
            if (payload.contains("\"type\":\"READY\"")) {
                m_state = State::Ready;
                emit ready();
            }
            return;
        }
        emit textFrame(payload);
        return;
    case kPing:
        sendFrame(kPong, payload);
        return;
    case kClose: {
        const int code = payload.size() >= 2 ? (uchar(payload[0]) << 8) | uchar(payload[1]) : 0;
        fail(QStringLiteral("closed by the server with code %1").arg(code));
        return;
    }
    default:
        return;
    }
}

void BenchWebSocket::sendFrame(int opcode, const QByteArray &payload)
{
    if (m_fd < 0)
        return;
    // Client frames must be masked; payloads here are pongs, always short.
    QByteArray frame;
    frame.reserve(payload.size() + 8);
    frame += char(0x80 | opcode);
    frame += char(0x80 | payload.size());
    quint32 maskValue = QRandomGenerator::global()->generate();
    const char *mask = reinterpret_cast<const char *>(&maskValue);
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame += char(payload[i] ^ mask[i % 4]);
    // Pongs are a few bytes and the server reads: a full send buffer would be a broken peer.
    const ssize_t sent = ::send(m_fd, frame.constData(), size_t(frame.size()), MSG_NOSIGNAL);
    if (sent != frame.size())
        fail(QStringLiteral("sending a frame failed"));
}

void BenchWebSocket::onDisconnected()
{
    if (m_state != State::Idle && m_state != State::Closed)
        fail(QStringLiteral("the server closed the connection"));
}

void BenchWebSocket::fail(const QString &reason)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_socket.abort();
    releaseDescriptor();
    emit closed(reason);
}

} // namespace Confab::Bench
