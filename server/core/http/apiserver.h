#pragma once

#include "server/core/http/router.h"

#include <QAbstractHttpServer>
#include <QWebSocket>

#include <functional>
#include <memory>

namespace Confab::Server {

class TokenService;

/// REST and the WebSocket upgrade on one port. Authenticates, routes, and runs each handler
/// as a coroutine whose reply is written only if the client is still there.
class ApiServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    using WebSocketAcceptor = std::function<void(std::unique_ptr<QWebSocket>)>;

    ApiServer(const Router &router, const TokenService &tokens, WebSocketAcceptor acceptor,
        QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    bool handleWebSocketUpgrade(const QHttpServerRequest &request, QTcpSocket *socket);
    void reply(QTcpSocket *socket, const ApiResponse &response, bool close);
    QCoro::Task<> dispatch(
        Router::Handler handler, ApiRequest request, QTcpSocket *socket, bool close);
    void acceptWebSockets();

    const Router &m_router;
    const TokenService &m_tokens;
    WebSocketAcceptor m_acceptor;
};

} // namespace Confab::Server
