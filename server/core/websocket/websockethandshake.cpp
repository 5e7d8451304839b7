#include "server/core/websocket/websockethandshake.h"

#include <QCryptographicHash>

namespace Confab::Server {

namespace {

constexpr QByteArrayView kGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

bool listContainsToken(QByteArrayView list, QByteArrayView token)
{
    for (QByteArrayView part : QByteArray::fromRawData(list.data(), list.size()).split(',')) {
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

WebSocketHandshake::WebSocketHandshake(QByteArrayView head)
{
    const QList<QByteArray> lines = head.toByteArray().split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).endsWith('\r') ? lines.at(i).chopped(1) : lines.at(i);
        if (i == 0) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() == 3) {
                m_method = parts.at(0);
                m_target = parts.at(1);
                m_version = parts.at(2);
            }
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        m_headers.append({line.first(colon).toLower(), line.sliced(colon + 1).trimmed()});
    }
}

QByteArray WebSocketHandshake::path() const
{
    const qsizetype query = m_target.indexOf('?');
    return query < 0 ? m_target : m_target.first(query);
}

QByteArray WebSocketHandshake::header(QByteArrayView name) const
{
    for (const auto &[key, value] : m_headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool WebSocketHandshake::hasHeader(QByteArrayView name) const
{
    for (const auto &field : m_headers) {
        if (field.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

std::optional<HttpRefusal> WebSocketHandshake::check() const
{
    auto bad = [](QString message) {
        return HttpRefusal(
            badRequest(QStringLiteral("bad_websocket_handshake"), std::move(message)));
    };
    if (m_method != "GET" || m_version != "HTTP/1.1")
        return bad(QStringLiteral("A WebSocket handshake is a GET request over HTTP/1.1."));
    if (header("upgrade").compare("websocket", Qt::CaseInsensitive) != 0
        || !listContainsToken(header("connection"), "upgrade"))
        return bad(QStringLiteral("A WebSocket handshake needs \"Upgrade: websocket\" and "
                                  "\"Connection: Upgrade\"."));
    if (header("sec-websocket-version") != "13")
        return HttpRefusal(makeError(426, QStringLiteral("unsupported_websocket_version"),
                               QStringLiteral("Only WebSocket version 13 is spoken here.")),
            QByteArrayLiteral("Sec-WebSocket-Version: 13\r\n"));
    const QByteArray key = header("sec-websocket-key");
    const auto decoded =
        QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    if (key.size() != 24 || !decoded || decoded.decoded.size() != 16)
        return bad(QStringLiteral("Sec-WebSocket-Key must be 16 bytes in base64."));
    return std::nullopt;
}

QByteArray WebSocketHandshake::acceptFor(QByteArrayView key)
{
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(key);
    sha1.addData(kGuid);
    return sha1.result().toBase64();
}

QByteArray WebSocketHandshake::acceptResponse() const
{
    return QByteArrayLiteral("HTTP/1.1 101 Switching Protocols\r\n"
                             "Upgrade: websocket\r\n"
                             "Connection: Upgrade\r\n"
                             "Sec-WebSocket-Accept: ")
        + acceptFor(header("sec-websocket-key")) + QByteArrayLiteral("\r\n\r\n");
}

} // namespace Confab::Server
