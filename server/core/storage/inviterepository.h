#pragma once

#include "server/core/storage/sqlcontext.h"
#include "server/core/storage/storedtypes.h"

#include <QList>

namespace Confab::Server {

/// Invite codes for invite-only registration, stored by hash. Runs on a database worker.
class InviteRepository
{
public:
    explicit InviteRepository(SqlContext &context)
        : m_context(context)
    { }

    /// Stores a new code's hash; `expiresAt` invalid for a code that never expires.
    Result<StoredInvite> create(const QByteArray &codeHash, std::optional<qint64> createdBy,
        const QDateTime &createdAt, const QDateTime &expiresAt);
    /// Every invite, newest first.
    Result<QList<StoredInvite>> list();
    /// False when there is no such invite.
    Result<bool> remove(qint64 id);
    /// Marks the unused, unexpired invite with this hash as used at `now` and returns its id;
    /// nullopt when no such invite can be used. Single use holds under concurrency: the
    /// update itself checks that the invite is still unused.
    Result<std::optional<qint64>> consume(const QByteArray &codeHash, const QDateTime &now);
    /// Records which account a consumed invite made.
    Result<void> setUsedBy(qint64 inviteId, qint64 userId);

private:
    SqlContext &m_context;
};

} // namespace Confab::Server
