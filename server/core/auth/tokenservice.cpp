#include "server/core/auth/tokenservice.h"

#include <jwt.h>

#include <memory>

namespace Confab::Server {

namespace {
struct JwtDeleter
{
    void operator()(jwt_t *jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

Error invalidToken(const QString &why)
{
    return unauthorized(QStringLiteral("unauthorized"), why);
}
} // namespace

TokenService::TokenService(QByteArray secret, std::chrono::seconds lifetime)
    : m_secret(std::move(secret))
    , m_lifetime(lifetime)
{
    // An empty key would make libjwt accept unsigned tokens: refuse to run without one.
    Q_ASSERT(!m_secret.isEmpty());
}

QString TokenService::issue(qint64 userId, const QDateTime &now) const
{
    jwt_t *raw = nullptr;
    if (jwt_new(&raw) != 0)
        return {};
    JwtPtr jwt(raw);
    const long issuedAt = long(now.toSecsSinceEpoch());
    jwt_add_grant(jwt.get(), "sub", QByteArray::number(userId).constData());
    jwt_add_grant_int(jwt.get(), "iat", issuedAt);
    jwt_add_grant_int(jwt.get(), "exp", issuedAt + long(m_lifetime.count()));
    if (jwt_set_alg(jwt.get(), JWT_ALG_HS256,
            reinterpret_cast<const unsigned char *>(m_secret.constData()), int(m_secret.size()))
        != 0)
        return {};
    char *encoded = jwt_encode_str(jwt.get());
    if (!encoded)
        return {};
    const QString token = QString::fromLatin1(encoded);
    free(encoded);
    return token;
}

Result<qint64> TokenService::verify(const QByteArray &token, const QDateTime &now) const
{
    if (token.isEmpty())
        return invalidToken(QStringLiteral("An access token is required."));
    // A JWT is three base64url parts; anything else never reaches the parser.
    if (token.count('.') != 2 || token.size() > 4096)
        return invalidToken(QStringLiteral("The access token is malformed."));
    const qint64 nowSecs = now.toSecsSinceEpoch();
    if (const std::optional<qint64> known = m_verified.find(token, nowSecs))
        return *known;
    jwt_t *raw = nullptr;
    const int rc = jwt_decode(&raw, token.constData(),
        reinterpret_cast<const unsigned char *>(m_secret.constData()), int(m_secret.size()));
    JwtPtr jwt(raw);
    if (rc != 0 || !jwt)
        return invalidToken(QStringLiteral("The access token is not valid."));
    // libjwt accepts other algorithms when given a key: only HS256 is ours.
    if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256)
        return invalidToken(QStringLiteral("The access token is not valid."));
    errno = 0;
    const long expiresAt = jwt_get_grant_int(jwt.get(), "exp");
    if (errno != 0 || expiresAt <= 0)
        return invalidToken(QStringLiteral("The access token has no expiry."));
    if (nowSecs >= expiresAt)
        return invalidToken(QStringLiteral("The access token has expired."));
    const char *subject = jwt_get_grant(jwt.get(), "sub");
    bool ok = false;
    const qint64 userId = subject ? QByteArray(subject).toLongLong(&ok) : 0;
    if (!ok || userId <= 0)
        return invalidToken(QStringLiteral("The access token names no user."));
    m_verified.insert(token, userId, expiresAt, nowSecs);
    return userId;
}

QByteArray TokenService::bearerToken(QByteArrayView authorizationHeader)
{
    const QByteArrayView header = authorizationHeader.trimmed();
    if (header.size() > 7 && header.first(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return header.sliced(7).trimmed().toByteArray();
    return {};
}

} // namespace Confab::Server
