#pragma once

#include "server/core/api/servercontext.h"
#include "server/core/http/router.h"

namespace Confab::Server {

/// `GET /api/health`: up, and able to reach the database.
class HealthApi
{
public:
    explicit HealthApi(ServerContext context)
        : m_context(context)
    { }
    void registerRoutes(Router &router);

private:
    QCoro::Task<ApiResponse> health(ApiRequest request);

    ServerContext m_context;
};

} // namespace Confab::Server
