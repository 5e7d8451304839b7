#pragma once

#include "common/result.h"
#include "server/core/auth/verifiedtokencache.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <chrono>

namespace Confab::Server {

/// Issues and checks access tokens: JWT, HS256 only, `sub` = user id, `exp` enforced here
/// because libjwt 1.10 validates no claims. Tokens it has checked are remembered
/// (VerifiedTokenCache), so a token shown again is not decoded again.
class TokenService
{
public:
    static constexpr std::chrono::seconds kDefaultLifetime {15 * 60};

    explicit TokenService(QByteArray secret, std::chrono::seconds lifetime = kDefaultLifetime);

    QString issue(qint64 userId, const QDateTime &now) const;
    /// The user id of a valid token, or 401 `unauthorized` saying what is wrong with it.
    Result<qint64> verify(const QByteArray &token, const QDateTime &now) const;
    int lifetimeSeconds() const { return int(m_lifetime.count()); }
    /// The token of an `Authorization: Bearer <token>` header value; empty for any other.
    static QByteArray bearerToken(QByteArrayView authorizationHeader);

private:
    QByteArray m_secret;
    std::chrono::seconds m_lifetime;
    mutable VerifiedTokenCache m_verified;
};

} // namespace Confab::Server
