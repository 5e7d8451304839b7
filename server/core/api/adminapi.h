#pragma once

#include "server/core/api/servercontext.h"
#include "server/core/http/router.h"

namespace Confab::Server {

/// Running the server, for its administrator only: invite codes and the registration mode.
/// Everyone else gets 403 not_server_admin.
class AdminApi
{
public:
    /// Longest lifetime an invite may be given: a year.
    static constexpr qint64 kMaxInviteHours = 24 * 366;

    explicit AdminApi(ServerContext context)
        : m_context(context)
    { }
    void registerRoutes(Router &router);

private:
    QCoro::Task<ApiResponse> createInvite(ApiRequest request);
    QCoro::Task<ApiResponse> listInvites(ApiRequest request);
    QCoro::Task<ApiResponse> deleteInvite(ApiRequest request);
    QCoro::Task<ApiResponse> settings(ApiRequest request);
    QCoro::Task<ApiResponse> changeSettings(ApiRequest request);
    ServerContext m_context;
};

} // namespace Confab::Server
