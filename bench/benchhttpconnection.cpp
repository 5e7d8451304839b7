#include "bench/benchhttpconnection.h"

#include "bench/monotonicclock.h"
#include "bench/sourcebinding.h"

namespace Confab::Bench {

BenchHttpConnection::BenchHttpConnection(
    QHostAddress server, quint16 port, QHostAddress source, QObject *parent)
    : QObject(parent)
    , m_server(std::move(server))
    , m_port(port)
    , m_source(std::move(source))
{
    connect(&m_socket, &QTcpSocket::readyRead, this, &BenchHttpConnection::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, &BenchHttpConnection::failPending);
    connect(&m_socket, &QTcpSocket::errorOccurred, this,
        [this](QAbstractSocket::SocketError) { failPending(); });
}

BenchHttpConnection::~BenchHttpConnection()
{
    // The socket is destroyed after the other members and aborts on the way, which emits
    // signals whose handlers would touch them.
    m_socket.disconnect(this);
    m_socket.abort();
}

void BenchHttpConnection::ensureConnected()
{
    if (m_socket.state() != QAbstractSocket::UnconnectedState)
        return;
    m_buffer.clear();
    if (!m_source.isNull())
        bindSource(m_socket, m_source);
    m_socket.connectToHost(m_server, m_port);
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

BenchHttpReply *BenchHttpConnection::send(const QByteArray &method, const QByteArray &path,
    const QByteArray &token, const QByteArray &jsonBody)
{
    ensureConnected();
    QByteArray request;
    request.reserve(256 + token.size() + jsonBody.size());
    request += method + ' ' + path + " HTTP/1.1\r\nHost: " + m_server.toString().toLatin1() + ':'
        + QByteArray::number(m_port) + "\r\n";
    if (!token.isEmpty())
        request += "Authorization: Bearer " + token + "\r\n";
    if (!jsonBody.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH") {
        request += "Content-Type: application/json\r\nContent-Length: "
            + QByteArray::number(jsonBody.size()) + "\r\n";
    }
    request += "\r\n" + jsonBody;
    auto *reply = new BenchHttpReply(monotonicNs(), this);
    m_pending.enqueue(reply);
    m_socket.write(request);
    return reply;
}

void BenchHttpConnection::onReadyRead()
{
    m_buffer += m_socket.readAll();
    while (!m_pending.isEmpty() && parseOne()) { }
}

bool BenchHttpConnection::parseOne()
{
    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return false;
    const QByteArray head = m_buffer.left(headerEnd);
    qsizetype contentLength = 0;
    for (const QByteArray &line : head.split('\n')) {
        if (line.size() > 15 && qstrnicmp(line.constData(), "content-length:", 15) == 0)
            contentLength = line.mid(15).trimmed().toLongLong();
    }
    if (m_buffer.size() < headerEnd + 4 + contentLength)
        return false;
    const int status = head.mid(9, 3).toInt();
    QByteArray body = m_buffer.mid(headerEnd + 4, contentLength);
    m_buffer.remove(0, headerEnd + 4 + contentLength);
    QPointer<BenchHttpReply> reply = m_pending.dequeue();
    if (reply)
        reply->finish(status, std::move(body), monotonicNs());
    return true;
}

void BenchHttpConnection::failPending()
{
    const qint64 now = monotonicNs();
    while (!m_pending.isEmpty()) {
        QPointer<BenchHttpReply> reply = m_pending.dequeue();
        if (reply)
            reply->finish(0, {}, now);
    }
    m_buffer.clear();
}

} // namespace Confab::Bench
