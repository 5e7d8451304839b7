#include "server/core/storage/refreshtokenrepository.h"

#include "server/core/storage/sqltransaction.h"
#include "server/core/storage/sqlutil.h"

namespace Confab::Server {

Result<void> RefreshTokenRepository::insert(qint64 userId, const QByteArray &tokenHash,
    const QDateTime &createdAt, const QDateTime &expiresAt)
{
    QSqlQuery query(m_context.db);
    return Sql::exec(query,
        QStringLiteral("INSERT INTO refresh_tokens (token_hash, user_id, created_at, expires_at) "
                       "VALUES (?, ?, ?, ?)"),
        {tokenHash, userId, Sql::toMs(createdAt), Sql::toMs(expiresAt)},
        "inserting a refresh token");
}

Result<RefreshTokenUse> RefreshTokenRepository::consume(
    const QByteArray &tokenHash, const QDateTime &now)
{
    SqlTransaction transaction(m_context);
    if (Result<void> begun = transaction.begin(); !begun)
        return begun.error();

    RefreshTokenUse use;
    bool used = false;
    bool revoked = false;
    qint64 expiresAt = 0;
    {
        QSqlQuery query(m_context.db);
        if (Result<void> ran = Sql::exec(query,
                QStringLiteral("SELECT user_id, expires_at, used_at, revoked_at FROM "
                               "refresh_tokens WHERE token_hash = ?"),
                {tokenHash}, "reading a refresh token");
            !ran)
            return ran.error();
        if (!query.next())
            return use; // Unknown
        use.userId = query.value(0).toLongLong();
        expiresAt = query.value(1).toLongLong();
        used = !query.value(2).isNull();
        revoked = !query.value(3).isNull();
    }
    // Reuse is reported before expiry: a replayed token is a theft signal either way.
    if (used) {
        use.state = RefreshTokenState::AlreadyUsed;
        return use;
    }
    // A token revoked before any use (logout, password change) is merely dead: treating it as
    // theft would end the session that a password change has just handed out.
    if (revoked) {
        use.state = RefreshTokenState::Revoked;
        use.userId = 0;
        return use;
    }
    if (expiresAt <= Sql::toMs(now)) {
        use.state = RefreshTokenState::Expired;
        use.userId = 0;
        return use;
    }
    {
        // The conditions repeat the check so that, of two concurrent uses on PostgreSQL, the
        // second updates nothing and is told the token was already used.
        QSqlQuery query(m_context.db);
        if (Result<void> ran = Sql::exec(query,
                QStringLiteral("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND "
                               "used_at IS NULL AND revoked_at IS NULL"),
                {Sql::toMs(now), tokenHash}, "using a refresh token");
            !ran)
            return ran.error();
        use.state = query.numRowsAffected() == 1 ? RefreshTokenState::Valid
                                                 : RefreshTokenState::AlreadyUsed;
    }
    if (Result<void> committed = transaction.commit(); !committed)
        return committed.error();
    return use;
}

Result<void> RefreshTokenRepository::revoke(const QByteArray &tokenHash, const QDateTime &now)
{
    QSqlQuery query(m_context.db);
    return Sql::exec(query,
        QStringLiteral("UPDATE refresh_tokens SET revoked_at = ? WHERE token_hash = ? AND "
                       "revoked_at IS NULL"),
        {Sql::toMs(now), tokenHash}, "revoking a refresh token");
}

Result<void> RefreshTokenRepository::revokeAllForUser(
    qint64 userId, const QByteArray &keepHash, const QDateTime &now)
{
    QSqlQuery query(m_context.db);
    if (keepHash.isEmpty())
        return Sql::exec(query,
            QStringLiteral("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND "
                           "revoked_at IS NULL"),
            {Sql::toMs(now), userId}, "revoking a user's refresh tokens");
    return Sql::exec(query,
        QStringLiteral("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND "
                       "revoked_at IS NULL AND token_hash <> ?"),
        {Sql::toMs(now), userId, keepHash}, "revoking a user's other refresh tokens");
}

} // namespace Confab::Server
