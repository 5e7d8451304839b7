#include "server/core/http/apiserver.h"

#include "server/core/auth/tokenservice.h"
#include "server/core/http/responsesequencer.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcApi, "confab.server.api")

namespace Confab::Server {

namespace {
bool wantsClose(const QHttpServerRequest &request)
{
    return request.value(QByteArrayLiteral("connection")).trimmed().toLower() == "close";
}

} // namespace

ApiServer::ApiServer(const Router &router, const TokenService &tokens, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_router(router)
    , m_tokens(tokens)
{ }

void ApiServer::reply(QTcpSocket *socket, const ApiResponse &response, bool close)
{
    auto *sequencer = ResponseSequencer::of(socket);
    sequencer->complete(sequencer->reserve(), response.serialize(close), close);
}

void ApiServer::refusePlainRequestToWebSocket(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Upgrades to /ws are taken over by the guard in front of QHttpServer before they get here.
    reply(socket,
        ApiResponse::error(makeError(
            426, QStringLiteral("upgrade_required"), QStringLiteral("/ws only speaks WebSocket."))),
        wantsClose(request));
}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path();
    if (path == QLatin1String("/ws")) {
        refusePlainRequestToWebSocket(request, socket);
        return true;
    }

    const bool close = wantsClose(request);
    Router::Match match = m_router.match(request.method(), path);
    if (!match.route) {
        reply(socket, ApiResponse::error(*match.error), close);
        return true;
    }

    ApiRequest apiRequest;
    apiRequest.method = request.method();
    apiRequest.path = path;
    apiRequest.query = request.query();
    apiRequest.body = request.body();
    apiRequest.contentType = request.value(QByteArrayLiteral("content-type"));
    apiRequest.ifNoneMatch = request.value(QByteArrayLiteral("if-none-match"));
    apiRequest.ids = match.ids;
    if (match.route->access == Router::Access::Authenticated) {
        const Result<qint64> user = m_tokens.verify(
            TokenService::bearerToken(request.value(QByteArrayLiteral("authorization"))),
            QDateTime::currentDateTimeUtc());
        if (!user) {
            reply(socket, ApiResponse::error(user.error()), close);
            return true;
        }
        apiRequest.userId = *user;
    }
    dispatch(match.route->handler, std::move(apiRequest), socket, close);
    return true;
}

QCoro::Task<> ApiServer::dispatch(
    Router::Handler handler, ApiRequest request, QTcpSocket *socket, bool close)
{
    // Reserve the reply's place now: later requests on this connection answer after it.
    QPointer<QTcpSocket> guard(socket);
    QPointer<ResponseSequencer> sequencer(ResponseSequencer::of(socket));
    const quint64 ticket = sequencer->reserve();
    const QString path = request.path;
    ApiResponse response = co_await handler(std::move(request));
    if (response.status >= 500)
        qCWarning(lcApi) << "request failed:" << path << response.status << response.body;
    if (!guard || !sequencer)
        co_return; // the client left; nothing to answer
    sequencer->complete(ticket, response.serialize(close), close);
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    reply(socket,
        ApiResponse::error(notFound(QStringLiteral("not_found"),
            QStringLiteral("There is nothing at %1.").arg(request.url().path()))),
        wantsClose(request));
}

} // namespace Confab::Server
