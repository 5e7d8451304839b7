#include "server/core/api/authapi.h"

#include "server/core/admin/accountcreation.h"
#include "server/core/api/authsession.h"
#include "server/core/api/requestparsing.h"
#include "server/core/auth/credentialrules.h"
#include "server/core/auth/loginthrottle.h"
#include "server/core/auth/passwordhasher.h"
#include "server/core/auth/refreshtoken.h"
#include "server/core/storage/database.h"
#include "server/core/storage/sqltransaction.h"

#include "common/authrequests.h"
#include "common/profilerequests.h"

namespace Confab::Server {

namespace {
Error invalidRefreshToken()
{
    return unauthorized(QStringLiteral("invalid_refresh_token"),
        QStringLiteral("This session has ended; please sign in again."));
}
} // namespace

void AuthApi::registerRoutes(Router &router)
{
    using M = QHttpServerRequest::Method;
    const auto pub = Router::Access::Public;
    router.add(M::Post, QStringLiteral("/api/auth/register"), pub,
        [this](ApiRequest r) { return registerAccount(std::move(r)); });
    router.add(M::Post, QStringLiteral("/api/auth/login"), pub,
        [this](ApiRequest r) { return login(std::move(r)); });
    router.add(M::Post, QStringLiteral("/api/auth/refresh"), pub,
        [this](ApiRequest r) { return refresh(std::move(r)); });
    router.add(M::Post, QStringLiteral("/api/auth/logout"), pub,
        [this](ApiRequest r) { return logout(std::move(r)); });
    router.add(M::Post, QStringLiteral("/api/auth/password"), Router::Access::Authenticated,
        [this](ApiRequest r) { return changePassword(std::move(r)); });
}

ApiResponse AuthApi::sessionResponse(int status, Result<AuthResponse> session) const
{
    if (!session)
        return ApiResponse::error(session.error());
    AuthSession::finish(*session, m_context.tokens, m_context.hub, QDateTime::currentDateTimeUtc());
    return ApiResponse::json(status, session->toJson());
}

QCoro::Task<ApiResponse> AuthApi::registerAccount(ApiRequest request)
{
    Result<RegisterRequest> body = parseBody<RegisterRequest>(request);
    if (!body)
        co_return ApiResponse::error(body.error());
    if (Result<void> ok = CredentialRules::checkUsername(body->username); !ok)
        co_return ApiResponse::error(ok.error());
    if (Result<void> ok = CredentialRules::checkPassword(body->password); !ok)
        co_return ApiResponse::error(ok.error());
    Result<QString> displayName =
        CredentialRules::normaliseDisplayName(body->displayName.value_or(body->username));
    if (!displayName)
        co_return ApiResponse::error(displayName.error());

    Result<QString> hash = co_await m_context.hasher.hash(body->password);
    if (!hash)
        co_return ApiResponse::error(hash.error());

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const NewUser newUser(body->username, *displayName, *hash, now);
    const std::optional<QString> inviteCode = body->inviteCode;
    auto sessionTask = m_context.database.run<AuthResponse>(
        [newUser, inviteCode, now](Storage &storage) -> Result<AuthResponse> {
            Result<User> user = AccountCreation::create(storage, newUser, inviteCode, now);
            if (!user)
                return user.error();
            return AuthSession::start(storage, user->id, now);
        });
    Result<AuthResponse> session = co_await sessionTask;
    co_return sessionResponse(201, std::move(session));
}

QCoro::Task<ApiResponse> AuthApi::login(ApiRequest request)
{
    Result<LoginRequest> body = parseBody<LoginRequest>(request);
    if (!body)
        co_return ApiResponse::error(body.error());
    const QString username = body->username;
    if (const qint64 wait =
            m_context.loginThrottle.retryAfter(username, QDateTime::currentDateTimeUtc())) {
        ApiResponse response = ApiResponse::error(makeError(429,
            QStringLiteral("too_many_attempts"),
            QStringLiteral("Too many failed sign-ins for this account. Try again in %1 seconds.")
                .arg(wait)));
        response.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(wait)});
        co_return response;
    }

    auto credentialsTask = m_context.database.run<std::optional<StoredCredentials>>(
        [username](Storage &storage) { return storage.users().findCredentials(username); });
    Result<std::optional<StoredCredentials>> credentials = co_await credentialsTask;
    if (!credentials)
        co_return ApiResponse::error(credentials.error());
    // Unknown users are checked against a dummy hash: both failures cost the same time.
    const QString storedHash = credentials->has_value() ? (*credentials)->passwordHash : QString();
    const bool match = co_await m_context.hasher.verify(storedHash, body->password);
    if (!match) {
        m_context.loginThrottle.recordFailure(username, QDateTime::currentDateTimeUtc());
        co_return ApiResponse::error(unauthorized(
            QStringLiteral("invalid_credentials"), QStringLiteral("Wrong username or password.")));
    }
    m_context.loginThrottle.recordSuccess(username);
    const qint64 userId = (*credentials)->userId;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto sessionTask = m_context.database.run<AuthResponse>(
        [userId, now](Storage &storage) { return AuthSession::start(storage, userId, now); });
    Result<AuthResponse> session = co_await sessionTask;
    co_return sessionResponse(200, std::move(session));
}

QCoro::Task<ApiResponse> AuthApi::refresh(ApiRequest request)
{
    Result<RefreshRequest> body = parseBody<RefreshRequest>(request);
    if (!body)
        co_return ApiResponse::error(body.error());
    const QByteArray hash = RefreshToken::hash(body->refreshToken);
    if (hash.isEmpty())
        co_return ApiResponse::error(invalidRefreshToken());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto sessionTask =
        m_context.database.run<AuthResponse>([hash, now](Storage &storage) -> Result<AuthResponse> {
            Result<RefreshTokenUse> use = storage.refreshTokens().consume(hash, now);
            if (!use)
                return use.error();
            if (use->state == RefreshTokenState::AlreadyUsed) {
                // A rotated token came back: someone holds a stolen copy. End every session.
                Result<void> revoked =
                    storage.refreshTokens().revokeAllForUser(use->userId, {}, now);
                if (!revoked)
                    return revoked.error();
                return invalidRefreshToken();
            }
            if (use->state != RefreshTokenState::Valid)
                return invalidRefreshToken();
            return AuthSession::start(storage, use->userId, now);
        });
    Result<AuthResponse> session = co_await sessionTask;
    co_return sessionResponse(200, std::move(session));
}

QCoro::Task<ApiResponse> AuthApi::logout(ApiRequest request)
{
    Result<RefreshRequest> body = parseBody<RefreshRequest>(request);
    if (!body)
        co_return ApiResponse::error(body.error());
    const QByteArray hash = RefreshToken::hash(body->refreshToken);
    if (hash.isEmpty())
        co_return ApiResponse::noContent();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto revokedTask = m_context.database.run<bool>([hash, now](Storage &storage) -> Result<bool> {
        Result<void> ok = storage.refreshTokens().revoke(hash, now);
        if (!ok)
            return ok.error();
        return true;
    });
    Result<bool> revoked = co_await revokedTask;
    if (!revoked)
        co_return ApiResponse::error(revoked.error());
    co_return ApiResponse::noContent();
}

QCoro::Task<ApiResponse> AuthApi::changePassword(ApiRequest request)
{
    Result<ChangePasswordRequest> body = parseBody<ChangePasswordRequest>(request);
    if (!body)
        co_return ApiResponse::error(body.error());
    if (Result<void> ok = CredentialRules::checkPassword(body->newPassword); !ok)
        co_return ApiResponse::error(ok.error());

    const qint64 me = request.userId;
    auto storedTask = m_context.database.run<std::optional<QString>>(
        [me](Storage &storage) { return storage.users().findPasswordHash(me); });
    Result<std::optional<QString>> stored = co_await storedTask;
    if (!stored)
        co_return ApiResponse::error(stored.error());
    if (!stored->has_value())
        co_return ApiResponse::error(unauthorized(
            QStringLiteral("unauthorized"), QStringLiteral("This account no longer exists.")));

    // Someone holding a stolen access token must not guess the password here unthrottled.
    // '#' cannot start a username, so these counts never mix with a login's.
    const QString throttleKey = QStringLiteral("#%1").arg(me);
    if (const qint64 wait =
            m_context.loginThrottle.retryAfter(throttleKey, QDateTime::currentDateTimeUtc())) {
        ApiResponse response =
            ApiResponse::error(makeError(429, QStringLiteral("too_many_attempts"),
                QStringLiteral("Too many wrong passwords. Try again in %1 seconds.").arg(wait)));
        response.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(wait)});
        co_return response;
    }
    const bool match = co_await m_context.hasher.verify(**stored, body->currentPassword);
    if (!match) {
        m_context.loginThrottle.recordFailure(throttleKey, QDateTime::currentDateTimeUtc());
        // 403, not 401: the access token is good, and a 401 would send clients to refresh it.
        co_return ApiResponse::error(forbidden(QStringLiteral("invalid_credentials"),
            QStringLiteral("The current password is wrong.")));
    }
    m_context.loginThrottle.recordSuccess(throttleKey);

    Result<QString> hash = co_await m_context.hasher.hash(body->newPassword);
    if (!hash)
        co_return ApiResponse::error(hash.error());
    const QString newHash = *hash;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Every refresh token goes, the caller's included (an access token does not say which is
    // the caller's); the caller gets a fresh session in the same transaction.
    auto sessionTask = m_context.database.run<AuthResponse>(
        [me, newHash, now](Storage &storage) -> Result<AuthResponse> {
            SqlTransaction transaction(storage.context());
            if (Result<void> begun = transaction.begin(); !begun)
                return begun.error();
            if (Result<void> set = storage.users().setPasswordHash(me, newHash); !set)
                return set.error();
            if (Result<void> revoked = storage.refreshTokens().revokeAllForUser(me, {}, now);
                !revoked)
                return revoked.error();
            Result<AuthResponse> session = AuthSession::start(storage, me, now);
            if (!session)
                return session.error();
            if (Result<void> committed = transaction.commit(); !committed)
                return committed.error();
            return session;
        });
    Result<AuthResponse> session = co_await sessionTask;
    co_return sessionResponse(200, std::move(session));
}

} // namespace Confab::Server
