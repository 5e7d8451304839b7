#include "server/core/storage/grouprepository.h"

#include "server/core/storage/sqlutil.h"

namespace Confab::Server {

Result<std::optional<GroupAccess>> GroupRepository::lockForChange(
    qint64 conversationId, qint64 actorId)
{
    // A no-op UPDATE is the row lock both dialects understand (SQLite has no FOR UPDATE, and
    // its BEGIN IMMEDIATE already holds the write lock).
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("UPDATE conversations SET title = title WHERE id = ? RETURNING type, "
                           "title"),
            {conversationId}, "locking a conversation");
        !ran)
        return ran.error();
    if (!query.next())
        return std::optional<GroupAccess>();
    const ConversationType type = query.value(0).toString() == QLatin1String("group")
        ? ConversationType::Group
        : ConversationType::Direct;
    const QString title = query.value(1).toString();
    query.finish();
    Result<std::optional<ParticipantRole>> role = roleOf(conversationId, actorId);
    if (!role)
        return role.error();
    if (!role->has_value())
        return std::optional<GroupAccess>();
    return std::optional<GroupAccess>(GroupAccess(type, title, **role));
}

Result<std::optional<ParticipantRole>> GroupRepository::roleOf(qint64 conversationId, qint64 userId)
{
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral(
                "SELECT role FROM participants WHERE conversation_id = ? AND user_id = ?"),
            {conversationId, userId}, "reading a participant's role");
        !ran)
        return ran.error();
    if (!query.next())
        return std::optional<ParticipantRole>();
    return std::optional<ParticipantRole>(
        roleFromString(query.value(0).toString()).value_or(ParticipantRole::Member));
}

Result<qint64> GroupRepository::participantCount(qint64 conversationId)
{
    return count(QStringLiteral("SELECT COUNT(*) FROM participants WHERE conversation_id = ?"),
        conversationId, "counting participants");
}

Result<qint64> GroupRepository::adminCount(qint64 conversationId)
{
    return count(QStringLiteral("SELECT COUNT(*) FROM participants WHERE conversation_id = ? AND "
                                "role = 'admin'"),
        conversationId, "counting admins");
}

Result<void> GroupRepository::add(
    qint64 conversationId, qint64 userId, ParticipantRole role, const QDateTime &now)
{
    QSqlQuery query(m_context.db);
    return Sql::exec(query,
        QStringLiteral("INSERT INTO participants (conversation_id, user_id, role, joined_at, "
                       "last_read_message_id) SELECT id, ?, ?, ?, COALESCE(last_message_id, 0) "
                       "FROM conversations WHERE id = ?"),
        {userId, roleToString(role), Sql::toMs(now), conversationId}, "adding a participant");
}

Result<void> GroupRepository::remove(qint64 conversationId, qint64 userId)
{
    QSqlQuery query(m_context.db);
    return Sql::exec(query,
        QStringLiteral("DELETE FROM participants WHERE conversation_id = ? AND user_id = ?"),
        {conversationId, userId}, "removing a participant");
}

Result<void> GroupRepository::setRole(qint64 conversationId, qint64 userId, ParticipantRole role)
{
    QSqlQuery query(m_context.db);
    return Sql::exec(query,
        QStringLiteral(
            "UPDATE participants SET role = ? WHERE conversation_id = ? AND user_id = ?"),
        {roleToString(role), conversationId, userId}, "changing a participant's role");
}

Result<void> GroupRepository::setTitle(qint64 conversationId, const QString &title)
{
    QSqlQuery query(m_context.db);
    return Sql::exec(query, QStringLiteral("UPDATE conversations SET title = ? WHERE id = ?"),
        {title, conversationId}, "renaming a group");
}

Result<std::optional<qint64>> GroupRepository::promoteSuccessorIfNoAdmin(qint64 conversationId)
{
    Result<qint64> admins = adminCount(conversationId);
    if (!admins)
        return admins.error();
    if (*admins > 0)
        return std::optional<qint64>();
    qint64 successor = 0;
    {
        QSqlQuery query(m_context.db);
        if (Result<void> ran = Sql::exec(query,
                QStringLiteral("SELECT user_id FROM participants WHERE conversation_id = ? ORDER "
                               "BY joined_at, user_id LIMIT 1"),
                {conversationId}, "choosing a new admin");
            !ran)
            return ran.error();
        if (!query.next())
            return std::optional<qint64>();
        successor = query.value(0).toLongLong();
    }
    if (Result<void> promoted = setRole(conversationId, successor, ParticipantRole::Admin);
        !promoted)
        return promoted.error();
    return std::optional<qint64>(successor);
}

Result<void> GroupRepository::deleteConversation(qint64 conversationId)
{
    QSqlQuery query(m_context.db);
    return Sql::exec(query, QStringLiteral("DELETE FROM conversations WHERE id = ?"),
        {conversationId}, "deleting an empty group");
}

Result<qint64> GroupRepository::count(const QString &sql, qint64 conversationId, const char *what)
{
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query, sql, {conversationId}, what); !ran)
        return ran.error();
    if (!query.next())
        return Sql::failure(query.lastError(), what);
    return query.value(0).toLongLong();
}

} // namespace Confab::Server
