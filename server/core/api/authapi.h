#pragma once

#include "server/core/api/servercontext.h"
#include "server/core/http/router.h"

#include "common/authresponse.h"

namespace Confab::Server {

class Storage;

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

    /// A refresh token stored for the user, and their profile: the database half of a session.
    static Result<AuthResponse> startSession(Storage &storage, qint64 userId, const QDateTime &now);
    /// Adds the access token and turns the session into a response.
    ApiResponse sessionResponse(int status, Result<AuthResponse> session) const;

    ServerContext m_context;
};

} // namespace Confab::Server
