#pragma once

#include "server/core/api/servercontext.h"
#include "server/core/http/router.h"

#include "common/authresponse.h"

namespace Confab::Server {

/// Accounts and sessions: register, login, refresh, logout, password change.
class AuthApi
{
public:
    explicit AuthApi(ServerContext context)
        : m_context(context)
    { }
    void registerRoutes(Router &router);

private:
    QCoro::Task<ApiResponse> registerAccount(ApiRequest request);
    QCoro::Task<ApiResponse> login(ApiRequest request);
    QCoro::Task<ApiResponse> refresh(ApiRequest request);
    QCoro::Task<ApiResponse> logout(ApiRequest request);
    QCoro::Task<ApiResponse> changePassword(ApiRequest request);

    /// Adds the access token and turns the session into a response.
    ApiResponse sessionResponse(int status, Result<AuthResponse> session) const;

    ServerContext m_context;
};

} // namespace Confab::Server
