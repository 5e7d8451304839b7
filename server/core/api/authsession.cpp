#include "server/core/api/authsession.h"

#include "server/core/auth/refreshtoken.h"
#include "server/core/auth/tokenservice.h"
#include "server/core/realtime/realtimehub.h"
#include "server/core/storage/storage.h"

namespace Confab::Server::AuthSession {

Result<AuthResponse> start(Storage &storage, qint64 userId, const QDateTime &now)
{
    Result<std::optional<User>> user = storage.users().findById(userId);
    if (!user)
        return user.error();
    if (!user->has_value())
        return unauthorized(QStringLiteral("invalid_refresh_token"),
            QStringLiteral("This session has ended; please sign in again."));
    AuthResponse session;
    session.user = **user;
    session.refreshToken = RefreshToken::generate();
    const QDateTime expiresAt = now.addSecs(std::chrono::seconds(RefreshToken::kLifetime).count());
    Result<void> stored = storage.refreshTokens().insert(
        userId, RefreshToken::hash(session.refreshToken), now, expiresAt);
    if (!stored)
        return stored.error();
    return session;
}

void finish(
    AuthResponse &session, const TokenService &tokens, const RealtimeHub &hub, const QDateTime &now)
{
    session.accessToken = tokens.issue(session.user.id, now);
    session.expiresIn = tokens.lifetimeSeconds();
    session.user.online = hub.isOnline(session.user.id);
}

} // namespace Confab::Server::AuthSession
