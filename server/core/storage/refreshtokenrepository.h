#pragma once

#include "server/core/storage/sqlcontext.h"
#include "server/core/storage/storedtypes.h"

namespace Confab::Server {

/// Refresh tokens, stored only as SHA-256 hashes. Runs on a database worker thread.
class RefreshTokenRepository
{
public:
    explicit RefreshTokenRepository(SqlContext &context)
        : m_context(context)
    { }

    Result<void> insert(qint64 userId, const QByteArray &tokenHash, const QDateTime &createdAt,
        const QDateTime &expiresAt);
    /// Marks the token used (rotation) and says what it was; a token is valid once.
    Result<RefreshTokenUse> consume(const QByteArray &tokenHash, const QDateTime &now);
    /// Revokes one token (logout). Unknown tokens are not an error.
    Result<void> revoke(const QByteArray &tokenHash, const QDateTime &now);
    /// Revokes every token of a user but `keepHash` (empty: all of them).
    Result<void> revokeAllForUser(qint64 userId, const QByteArray &keepHash, const QDateTime &now);

private:
    SqlContext &m_context;
};

} // namespace Confab::Server
