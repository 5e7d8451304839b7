#include "server/core/storage/avatarrepository.h"

#include "server/core/storage/sqlutil.h"

#include "common/timeformat.h"

namespace Confab::Server {

Result<void> AvatarRepository::put(qint64 userId, const StoredAvatar &avatar)
{
    QSqlQuery query(m_context.db);
    // Both SQLite (3.24+) and PostgreSQL know this upsert.
    return Sql::exec(query,
        QStringLiteral("INSERT INTO avatars (user_id, content_type, bytes, digest, updated_at) "
                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
                       "content_type = excluded.content_type, bytes = excluded.bytes, "
                       "digest = excluded.digest, updated_at = excluded.updated_at"),
        {userId, QString::fromLatin1(avatar.contentType), avatar.bytes, avatar.digest,
            Sql::toMs(avatar.updatedAt)},
        "storing an avatar");
}

Result<std::optional<StoredAvatar>> AvatarRepository::find(qint64 userId)
{
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("SELECT content_type, bytes, digest, updated_at FROM avatars WHERE "
                           "user_id = ?"),
            {userId}, "reading an avatar");
        !ran)
        return ran.error();
    if (!query.next())
        return std::optional<StoredAvatar>();
    return std::optional<StoredAvatar>(
        StoredAvatar(query.value(0).toString().toLatin1(), query.value(1).toByteArray(),
            query.value(2).toString(), fromEpochMs(query.value(3).toLongLong())));
}

Result<bool> AvatarRepository::remove(qint64 userId)
{
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query, QStringLiteral("DELETE FROM avatars WHERE user_id = ?"),
            {userId}, "removing an avatar");
        !ran)
        return ran.error();
    return query.numRowsAffected() > 0;
}

} // namespace Confab::Server
