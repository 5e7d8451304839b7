#pragma once

#include "server/core/http/router.h"

#include <QAbstractHttpServer>

namespace Confab::Server {

class TokenService;

/// REST on the port that also carries WebSockets. Authenticates, routes, and runs each handler
/// as a coroutine whose reply is written only if the client is still there. WebSocket upgrades
/// never reach it: the guard in front hands them to WebSocketUpgrader.
class ApiServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    ApiServer(const Router &router, const TokenService &tokens, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void refusePlainRequestToWebSocket(const QHttpServerRequest &request, QTcpSocket *socket);
    void reply(QTcpSocket *socket, const ApiResponse &response, bool close);
    QCoro::Task<> dispatch(
        Router::Handler handler, ApiRequest request, QTcpSocket *socket, bool close);

    const Router &m_router;
    const TokenService &m_tokens;
};

} // namespace Confab::Server
