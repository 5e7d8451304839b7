#pragma once

#include "server/core/api/servercontext.h"
#include "server/core/http/router.h"

namespace Confab::Server {

/// Managing a group: adding and removing participants, leaving, roles and the title.
/// Every change is one transaction that locks the group, and its events go to exactly the
/// people it concerns (those in the group after the change, and whoever was removed).
class GroupApi
{
public:
    explicit GroupApi(ServerContext context)
        : m_context(context)
    { }
    void registerRoutes(Router &router);

private:
    QCoro::Task<ApiResponse> addParticipant(ApiRequest request);
    QCoro::Task<ApiResponse> removeParticipant(ApiRequest request);
    QCoro::Task<ApiResponse> changeRole(ApiRequest request);
    QCoro::Task<ApiResponse> rename(ApiRequest request);

    ServerContext m_context;
};

} // namespace Confab::Server
