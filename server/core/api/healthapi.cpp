#include "server/core/api/healthapi.h"

#include "server/core/storage/database.h"

namespace Confab::Server {

void HealthApi::registerRoutes(Router &router)
{
    router.add(QHttpServerRequest::Method::Get, QStringLiteral("/api/health"),
        Router::Access::Public, [this](ApiRequest r) { return health(std::move(r)); });
}

QCoro::Task<ApiResponse> HealthApi::health(ApiRequest)
{
    const Result<void> reachable = co_await m_context.database.ping();
    if (!reachable)
        co_return ApiResponse::error(makeError(503, QStringLiteral("database_unavailable"),
            QStringLiteral("The database cannot be reached.")));
    co_return ApiResponse::json(
        200, QJsonObject {{QStringLiteral("status"), QStringLiteral("ok")}});
}

} // namespace Confab::Server
