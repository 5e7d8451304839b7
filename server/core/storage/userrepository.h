#pragma once

#include "server/core/storage/sqlcontext.h"
#include "server/core/storage/storedtypes.h"

#include <QHash>
#include <QList>

namespace Confab::Server {

/// Users and their credentials. Runs on a database worker thread.
class UserRepository
{
public:
    explicit UserRepository(SqlContext &context)
        : m_context(context)
    { }

    /// 409 username_taken when the name exists ignoring case.
    Result<User> create(const NewUser &user);
    /// As create(), inside a transaction the caller holds.
    Result<User> insert(const NewUser &user);
    /// Whether the user administers the server; false for an unknown id.
    Result<bool> isAdmin(qint64 userId);
    Result<std::optional<StoredCredentials>> findCredentials(const QString &username);
    Result<std::optional<User>> findById(qint64 id);
    /// The users among `ids` that exist, in no particular order.
    Result<QList<User>> findByIds(const QList<qint64> &ids);
    /// Prefix match, ignoring case, on username or display name; at most `limit`, by username.
    Result<QList<User>> search(const QString &prefix, int limit);
    /// Every account, by username (for `confab-server admin list-users`).
    Result<QList<User>> listAll();
    /// Number of accounts (the first one becomes the server's administrator).
    Result<qint64> count();
    /// Sets each user's last_seen_at to their time, all in one transaction, never moving it
    /// backwards (batches may finish out of order).
    Result<void> recordLastSeen(const QHash<qint64, QDateTime> &times);

    /// Writes the three editable profile fields (already checked by the API).
    Result<void> setProfile(qint64 userId, const QString &displayName, const QString &bio,
        const QString &profilePictureUrl);
    /// The stored password hash of a user; nullopt when there is no such user.
    Result<std::optional<QString>> findPasswordHash(qint64 userId);
    Result<void> setPasswordHash(qint64 userId, const QString &passwordHash);

private:
    SqlContext &m_context;
};

} // namespace Confab::Server
