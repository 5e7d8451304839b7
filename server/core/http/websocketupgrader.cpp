#include "server/core/http/websocketupgrader.h"

#include "server/core/auth/tokenservice.h"
#include "server/core/websocket/websockethandshake.h"

#include <QDateTime>
#include <QTcpSocket>

namespace Confab::Server {

WebSocketUpgrader::WebSocketUpgrader(
    const TokenService &tokens, const WebSocketConnection::Limits &limits, Acceptor acceptor)
    : m_tokens(tokens)
    , m_limits(limits)
    , m_acceptor(std::move(acceptor))
{ }

std::optional<HttpRefusal> WebSocketUpgrader::check(QByteArrayView requestHead) const
{
    const WebSocketHandshake handshake(requestHead);
    if (handshake.path() != "/ws")
        return HttpRefusal(notFound(QStringLiteral("not_found"),
            QStringLiteral("There is nothing at %1.")
                .arg(QString::fromUtf8(QByteArray::fromPercentEncoding(handshake.path())))));
    if (std::optional<HttpRefusal> refusal = handshake.check())
        return refusal;
    // A token in the upgrade request must be good; without one, the first frame must be AUTH.
    if (handshake.hasHeader("authorization")) {
        const Result<qint64> user =
            m_tokens.verify(TokenService::bearerToken(handshake.header("authorization")),
                QDateTime::currentDateTimeUtc());
        if (!user)
            return HttpRefusal(user.error());
    }
    return std::nullopt;
}

void WebSocketUpgrader::take(QTcpSocket *socket, QByteArrayView requestHead, QByteArray received)
{
    const WebSocketHandshake handshake(requestHead);
    socket->write(handshake.acceptResponse());
    // We are called while the socket emits readyRead, and the acceptor may move the socket to
    // another thread: that waits until the socket's own code has returned. Nobody reads the
    // socket meanwhile; what arrives stays in its buffer for the WebSocketConnection.
    QMetaObject::invokeMethod(
        socket,
        [this, socket, authorization = handshake.header("authorization"),
            received = std::move(received)]() mutable {
            m_acceptor(std::make_unique<WebSocketConnection>(
                socket, authorization, m_limits, std::move(received)));
        },
        Qt::QueuedConnection);
}

} // namespace Confab::Server
