#include "server/core/storage/conversationloader.h"

#include "server/core/storage/cachedquery.h"
#include "server/core/storage/rowreaders.h"
#include "server/core/storage/sqlutil.h"

#include "common/timeformat.h"

#include <QHash>

namespace Confab::Server {

namespace {

QString where(const ConversationLoader::Scope &scope, const char *column)
{
    return scope.condition.arg(QLatin1String(column));
}

} // namespace

ConversationLoader::Scope ConversationLoader::viewerParticipates(qint64 viewerId)
{
    return {QStringLiteral("%1 IN (SELECT conversation_id FROM participants WHERE user_id = ?)"),
        {viewerId}};
}

ConversationLoader::Scope ConversationLoader::oneIfViewerParticipates(
    qint64 conversationId, qint64 viewerId)
{
    return {QStringLiteral("%1 IN (SELECT conversation_id FROM participants WHERE "
                           "conversation_id = ? AND user_id = ?)"),
        {conversationId, viewerId}};
}

Result<QList<Conversation>> ConversationLoader::load(qint64 viewerId, const Scope &scope)
{
    QList<Conversation> conversations;
    QHash<qint64, qsizetype> index;
    {
        // The conversations with their last message and the viewer's unread count in one
        // statement: on PostgreSQL each statement is a round trip, and a reconnect storm asks
        // for thousands of lists at once.
        CachedQuery query(m_context,
            QStringLiteral(
                "SELECT c.id, c.type, c.title, c.created_at, c.updated_at, (SELECT COUNT(*) "
                "FROM messages u JOIN participants me ON me.conversation_id = u.conversation_id "
                "AND me.user_id = ? WHERE u.conversation_id = c.id AND u.sender_id <> ? AND "
                "u.deleted_at IS NULL AND u.id > me.last_read_message_id), ")
                + Rows::messageColumns(QLatin1String("m"))
                + QStringLiteral(
                    " FROM conversations c LEFT JOIN messages m ON m.id = c.last_message_id WHERE ")
                + where(scope, "c.id") + QStringLiteral(" ORDER BY c.updated_at DESC, c.id DESC"));
        QVariantList values {viewerId, viewerId};
        values << scope.values;
        if (Result<void> ran = query.exec(values, "listing conversations"); !ran)
            return ran.error();
        constexpr int kLastMessage = 6;
        while (query->next()) {
            Conversation conversation;
            conversation.id = query->value(0).toLongLong();
            conversation.type = query->value(1).toString() == QLatin1String("group")
                ? ConversationType::Group
                : ConversationType::Direct;
            conversation.title = query->value(2).toString();
            conversation.createdAt = fromEpochMs(query->value(3).toLongLong());
            conversation.updatedAt = fromEpochMs(query->value(4).toLongLong());
            conversation.unreadCount = query->value(5).toInt();
            if (!query->value(kLastMessage).isNull())
                conversation.lastMessage = Rows::readMessage(*query, kLastMessage);
            index.insert(conversation.id, conversations.size());
            conversations << conversation;
        }
    }
    if (conversations.isEmpty())
        return conversations;
    if (Result<void> done = loadParticipants(scope, conversations, index); !done)
        return done.error();
    return conversations;
}

Result<void> ConversationLoader::loadParticipants(
    const Scope &scope, QList<Conversation> &conversations, const QHash<qint64, qsizetype> &index)
{
    CachedQuery query(m_context,
        QStringLiteral("SELECT p.conversation_id, p.role, ") + Rows::userColumns(QLatin1String("u"))
            + QStringLiteral(", p.last_read_message_id")
            + QStringLiteral(" FROM participants p JOIN users u ON u.id = p.user_id WHERE ")
            + where(scope, "p.conversation_id")
            + QStringLiteral(" ORDER BY p.conversation_id, p.joined_at, p.user_id"));
    if (Result<void> ran = query.exec(scope.values, "listing participants"); !ran)
        return ran;
    while (query->next()) {
        const auto found = index.constFind(query->value(0).toLongLong());
        if (found == index.constEnd())
            continue;
        Participant participant;
        participant.role =
            roleFromString(query->value(1).toString()).value_or(ParticipantRole::Member);
        participant.user = Rows::readUser(*query, 2);
        participant.lastReadMessageId = query->value(2 + Rows::userColumnCount).toLongLong();
        conversations[*found].participants << participant;
    }
    return {};
}

} // namespace Confab::Server
