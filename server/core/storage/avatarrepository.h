#pragma once

#include "server/core/storage/sqlcontext.h"

#include "common/result.h"

#include <QByteArray>
#include <QDateTime>

#include <optional>

namespace Confab::Server {

/// An uploaded profile picture as stored: already decoded, shrunk and re-encoded.
struct StoredAvatar
{
    StoredAvatar() = default;
    // A constructor, not aggregate initialisation: GCC 12 mis-copies aggregates made in coroutines.
    StoredAvatar(QByteArray type, QByteArray data, QString hexDigest, QDateTime updated)
        : contentType(std::move(type))
        , bytes(std::move(data))
        , digest(std::move(hexDigest))
        , updatedAt(std::move(updated))
    { }

    QByteArray contentType;
    QByteArray bytes;
    QString digest; ///< hex SHA-256 of `bytes`: the URL's version and the ETag
    QDateTime updatedAt;
};

/// Profile pictures, one per user. Runs on a database worker thread.
class AvatarRepository
{
public:
    explicit AvatarRepository(SqlContext &context)
        : m_context(context)
    { }

    /// Stores or replaces the user's picture.
    Result<void> put(qint64 userId, const StoredAvatar &avatar);
    Result<std::optional<StoredAvatar>> find(qint64 userId);
    /// True when there was one to remove.
    Result<bool> remove(qint64 userId);

private:
    SqlContext &m_context;
};

} // namespace Confab::Server
