#pragma once

#include "server/core/api/servercontext.h"
#include "server/core/http/router.h"

#include <QElapsedTimer>

namespace Confab::Server {

/// Running the server, for its administrator only: invite codes, the registration mode and the
/// server's own measurements. Everyone else gets 403 not_server_admin.
class AdminApi
{
public:
    /// Longest lifetime an invite may be given: a year.
    static constexpr qint64 kMaxInviteHours = 24 * 366;

    explicit AdminApi(ServerContext context)
        : m_context(context)
    {
        m_running.start(); // made with the server, so this is its uptime
    }
    void registerRoutes(Router &router);

private:
    QCoro::Task<ApiResponse> createInvite(ApiRequest request);
    QCoro::Task<ApiResponse> listInvites(ApiRequest request);
    QCoro::Task<ApiResponse> deleteInvite(ApiRequest request);
    QCoro::Task<ApiResponse> settings(ApiRequest request);
    QCoro::Task<ApiResponse> changeSettings(ApiRequest request);
    QCoro::Task<ApiResponse> stats(ApiRequest request);
    ServerContext m_context;
    QElapsedTimer m_running;
};

} // namespace Confab::Server
