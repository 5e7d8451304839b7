#pragma once

#include "server/core/api/servercontext.h"
#include "server/core/http/router.h"

namespace Confab::Server {

/// Profiles: yourself, anyone by id, and finding people to talk to.
class UserApi
{
public:
    static constexpr int kSearchLimit = 20;

    explicit UserApi(ServerContext context)
        : m_context(context)
    { }
    void registerRoutes(Router &router);

private:
    QCoro::Task<ApiResponse> me(ApiRequest request);
    QCoro::Task<ApiResponse> byId(ApiRequest request);
    QCoro::Task<ApiResponse> search(ApiRequest request);
    QCoro::Task<ApiResponse> fetchUser(qint64 userId);

    ServerContext m_context;
};

} // namespace Confab::Server
