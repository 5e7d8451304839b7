#pragma once

#include "server/core/api/servercontext.h"
#include "server/core/http/router.h"

namespace Confab::Server {

/// Editing and deleting messages, the changes feed that lets a client catch up on them, and
/// read markers. Every change goes out to every connection of every participant.
class MessageManagementApi
{
public:
    static constexpr int kDefaultChangesPageSize = 50;
    static constexpr int kMaxChangesPageSize = 100;

    explicit MessageManagementApi(ServerContext context)
        : m_context(context)
    { }
    void registerRoutes(Router &router);

private:
    QCoro::Task<ApiResponse> edit(ApiRequest request);
    QCoro::Task<ApiResponse> remove(ApiRequest request);
    QCoro::Task<ApiResponse> changes(ApiRequest request);
    QCoro::Task<ApiResponse> markRead(ApiRequest request);

    ServerContext m_context;
};

} // namespace Confab::Server
