#include "server/core/storage/conversationrepository.h"

#include "server/core/storage/cachedquery.h"
#include "server/core/storage/conversationloader.h"
#include "server/core/storage/sqltransaction.h"
#include "server/core/storage/sqlutil.h"

#include <algorithm>

namespace Confab::Server {

namespace {

// One row per pair whichever of the two starts the chat: the UNIQUE direct_key makes the
// database, not a check-then-insert, decide which of two racing requests creates it.
QString directKey(qint64 a, qint64 b)
{
    return QString::number(qMin(a, b)) + QLatin1Char(':') + QString::number(qMax(a, b));
}

} // namespace

Result<CreateOutcome> ConversationRepository::findOrCreateDirect(
    qint64 creatorId, qint64 otherId, const QDateTime &now)
{
    if (creatorId == otherId)
        return badRequest(QStringLiteral("invalid_participants"),
            QStringLiteral("A direct conversation needs two different people."));
    Result<bool> exist = usersExist({creatorId, otherId});
    if (!exist)
        return exist.error();
    if (!*exist)
        return notFound(QStringLiteral("user_not_found"), QStringLiteral("No such user."));

    const QString key = directKey(creatorId, otherId);
    SqlTransaction transaction(m_context);
    if (Result<void> begun = transaction.begin(); !begun)
        return begun.error();
    qint64 id = 0;
    bool created = false;
    {
        QSqlQuery query(m_context.db);
        if (Result<void> ran = Sql::exec(query,
                QStringLiteral("INSERT INTO conversations (type, title, direct_key, created_at, "
                               "updated_at) VALUES ('direct', '', ?, ?, ?) ON CONFLICT "
                               "(direct_key) DO NOTHING RETURNING id"),
                {key, Sql::toMs(now), Sql::toMs(now)}, "creating a direct conversation");
            !ran)
            return ran.error();
        if (query.next()) {
            id = query.value(0).toLongLong();
            created = true;
        }
    }
    if (created) {
        // Both are plain members: nobody administers a chat between two people.
        for (qint64 userId : {creatorId, otherId}) {
            if (Result<void> added = addParticipant(id, userId, QStringLiteral("member"), now);
                !added)
                return added.error();
        }
    } else {
        QSqlQuery query(m_context.db);
        if (Result<void> ran = Sql::exec(query,
                QStringLiteral("SELECT id FROM conversations WHERE direct_key = ?"), {key},
                "finding a direct conversation");
            !ran)
            return ran.error();
        if (!query.next())
            return Sql::failure(query.lastError(), "finding a direct conversation");
        id = query.value(0).toLongLong();
    }
    if (Result<void> committed = transaction.commit(); !committed)
        return committed.error();
    return loadCreated(id, creatorId, created);
}

Result<CreateOutcome> ConversationRepository::createGroup(
    qint64 creatorId, const QString &title, const QList<qint64> &memberIds, const QDateTime &now)
{
    QList<qint64> members;
    for (qint64 id : memberIds) {
        if (id != creatorId && !members.contains(id))
            members << id;
    }
    Result<bool> exist = usersExist(QList<qint64> {creatorId} + members);
    if (!exist)
        return exist.error();
    if (!*exist)
        return notFound(
            QStringLiteral("user_not_found"), QStringLiteral("One of the members does not exist."));

    SqlTransaction transaction(m_context);
    if (Result<void> begun = transaction.begin(); !begun)
        return begun.error();
    qint64 id = 0;
    {
        QSqlQuery query(m_context.db);
        if (Result<void> ran = Sql::exec(query,
                QStringLiteral("INSERT INTO conversations (type, title, created_at, updated_at) "
                               "VALUES ('group', ?, ?, ?) RETURNING id"),
                {title, Sql::toMs(now), Sql::toMs(now)}, "creating a group");
            !ran)
            return ran.error();
        if (!query.next())
            return Sql::failure(query.lastError(), "reading a new group's id");
        id = query.value(0).toLongLong();
    }
    if (Result<void> added = addParticipant(id, creatorId, QStringLiteral("admin"), now); !added)
        return added.error();
    for (qint64 member : std::as_const(members)) {
        if (Result<void> added = addParticipant(id, member, QStringLiteral("member"), now); !added)
            return added.error();
    }
    if (Result<void> committed = transaction.commit(); !committed)
        return committed.error();
    return loadCreated(id, creatorId, true);
}

Result<std::optional<Conversation>> ConversationRepository::findForViewer(
    qint64 conversationId, qint64 viewerId)
{
    Result<QList<Conversation>> loaded = ConversationLoader(m_context).load(
        viewerId, ConversationLoader::oneIfViewerParticipates(conversationId, viewerId));
    if (!loaded)
        return loaded.error();
    if (loaded->isEmpty())
        return std::optional<Conversation>();
    return std::optional<Conversation>(loaded->constFirst());
}

Result<QList<Conversation>> ConversationRepository::listForViewer(qint64 viewerId)
{
    return ConversationLoader(m_context).load(
        viewerId, ConversationLoader::viewerParticipates(viewerId));
}

Result<bool> ConversationRepository::isParticipant(qint64 conversationId, qint64 userId)
{
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("SELECT 1 FROM participants WHERE conversation_id = ? AND user_id = ?"),
            {conversationId, userId}, "checking participation");
        !ran)
        return ran.error();
    return query.next();
}

Result<QList<qint64>> ConversationRepository::participantIds(qint64 conversationId)
{
    return selectIds(QStringLiteral("SELECT user_id FROM participants WHERE conversation_id = ? "
                                    "ORDER BY user_id"),
        {conversationId}, "listing participant ids");
}

Result<QHash<qint64, QList<qint64>>> ConversationRepository::participantIdsOf(
    const QList<qint64> &conversationIds)
{
    QHash<qint64, QList<qint64>> ids;
    if (conversationIds.isEmpty())
        return ids;
    // The ids are written into the text, not bound: they are numbers, the list's length
    // differs every time, and an unprepared query is one round trip to PostgreSQL where a
    // prepared one is three (prepare, run, deallocate).
    QStringList list;
    for (qint64 id : conversationIds)
        list << QString::number(id);
    QSqlQuery query(m_context.db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT conversation_id, user_id FROM participants WHERE "
                                   "conversation_id IN (")
            + list.join(QLatin1Char(',')) + QStringLiteral(") ORDER BY conversation_id, user_id")))
        return Sql::failure(query.lastError(), "listing participant ids of conversations");
    while (query.next())
        ids[query.value(0).toLongLong()] << query.value(1).toLongLong();
    return ids;
}

Result<void> ConversationRepository::addParticipant(
    qint64 conversationId, qint64 userId, const QString &role, const QDateTime &now)
{
    QSqlQuery query(m_context.db);
    return Sql::exec(query,
        QStringLiteral("INSERT INTO participants (conversation_id, user_id, role, joined_at) "
                       "VALUES (?, ?, ?, ?)"),
        {conversationId, userId, role, Sql::toMs(now)}, "adding a participant");
}

Result<bool> ConversationRepository::usersExist(const QList<qint64> &ids)
{
    QVariantList values;
    for (qint64 id : ids)
        values << id;
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("SELECT COUNT(*) FROM users WHERE id IN (")
                + Sql::placeholders(ids.size()) + QLatin1Char(')'),
            values, "checking users exist");
        !ran)
        return ran.error();
    if (!query.next())
        return Sql::failure(query.lastError(), "checking users exist");
    return query.value(0).toLongLong() == ids.size();
}

Result<CreateOutcome> ConversationRepository::loadCreated(
    qint64 conversationId, qint64 creatorId, bool created)
{
    Result<std::optional<Conversation>> found = findForViewer(conversationId, creatorId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return internalError(QStringLiteral("A conversation vanished while it was made."));
    return CreateOutcome {std::move(**found), created};
}

Result<QList<qint64>> ConversationRepository::contactIds(qint64 userId)
{
    return selectIds(
        QStringLiteral("SELECT DISTINCT other.user_id FROM participants mine JOIN participants "
                       "other ON other.conversation_id = mine.conversation_id WHERE "
                       "mine.user_id = ? AND other.user_id <> ? ORDER BY other.user_id"),
        {userId, userId}, "listing contacts");
}

Result<QList<qint64>> ConversationRepository::presenceContactIds(qint64 userId, int maxMembers)
{
    return selectIds(
        QStringLiteral("SELECT DISTINCT other.user_id FROM participants mine JOIN conversations "
                       "c ON c.id = mine.conversation_id JOIN participants other ON "
                       "other.conversation_id = mine.conversation_id WHERE mine.user_id = ? "
                       "AND c.member_count <= ? AND other.user_id <> ? ORDER BY other.user_id"),
        {userId, maxMembers, userId}, "listing presence contacts");
}

Result<QList<qint64>> ConversationRepository::selectIds(
    const QString &sql, const QVariantList &values, const char *what)
{
    CachedQuery query(m_context, sql);
    if (Result<void> ran = query.exec(values, what); !ran)
        return ran.error();
    QList<qint64> ids;
    while (query->next())
        ids << query->value(0).toLongLong();
    return ids;
}

} // namespace Confab::Server
