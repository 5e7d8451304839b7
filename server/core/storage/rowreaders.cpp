#include "server/core/storage/rowreaders.h"

#include "server/core/storage/sqlutil.h"

#include "common/timeformat.h"

#include <QStringList>

namespace Confab::Server::Rows {

namespace {

QString qualified(QLatin1String alias, std::initializer_list<const char *> columns)
{
    QStringList parts;
    for (const char *column : columns)
        parts << alias + QLatin1Char('.') + QLatin1String(column);
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString userColumns(QLatin1String alias)
{
    return qualified(alias,
        {"id", "username", "display_name", "bio", "profile_picture_url", "last_seen_at",
            "created_at"});
}

User readUser(const QSqlQuery &query, int first)
{
    User user;
    user.id = query.value(first).toLongLong();
    user.username = query.value(first + 1).toString();
    user.displayName = query.value(first + 2).toString();
    user.bio = query.value(first + 3).toString();
    user.profilePictureUrl = query.value(first + 4).toString();
    user.lastSeenAt = Sql::timeOrInvalid(query.value(first + 5));
    user.createdAt = fromEpochMs(query.value(first + 6).toLongLong());
    user.online = false; // presence is the server's to fill, not the database's
    return user;
}

QString messageColumns(QLatin1String alias)
{
    return qualified(alias,
        {"id", "conversation_id", "sender_id", "content", "client_message_id", "created_at",
            "edited_at", "deleted_at"});
}

Message readMessage(const QSqlQuery &query, int first)
{
    Message message;
    message.id = query.value(first).toLongLong();
    message.conversationId = query.value(first + 1).toLongLong();
    message.senderId = query.value(first + 2).toLongLong();
    message.clientMessageId = query.value(first + 4).toString();
    message.createdAt = fromEpochMs(query.value(first + 5).toLongLong());
    message.editedAt = Sql::timeOrInvalid(query.value(first + 6));
    message.deletedAt = Sql::timeOrInvalid(query.value(first + 7));
    // Whatever a deletion left in the row, a tombstone never shows text.
    if (!message.isDeleted())
        message.content = query.value(first + 3).toString();
    return message;
}

} // namespace Confab::Server::Rows
