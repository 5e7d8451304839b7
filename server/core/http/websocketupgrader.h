#pragma once

#include "server/core/http/upgradehandler.h"
#include "server/core/websocket/websocketconnection.h"

#include <functional>
#include <memory>

namespace Confab::Server {

class TokenService;

/// The `/ws` endpoint's upgrade: checks the handshake and a Bearer token sent with it, answers
/// 101 itself and hands the new WebSocketConnection to the realtime hub. QHttpServer and its
/// QWebSocketServer never see these sockets.
class WebSocketUpgrader : public UpgradeHandler
{
public:
    using Acceptor = std::function<void(std::unique_ptr<WebSocketConnection>)>;

    WebSocketUpgrader(
        const TokenService &tokens, const WebSocketConnection::Limits &limits, Acceptor acceptor);

    std::optional<HttpRefusal> check(QByteArrayView requestHead) const override;
    void take(QTcpSocket *socket, QByteArrayView requestHead, QByteArray received) override;

private:
    const TokenService &m_tokens;
    const WebSocketConnection::Limits m_limits;
    Acceptor m_acceptor;
};

} // namespace Confab::Server
