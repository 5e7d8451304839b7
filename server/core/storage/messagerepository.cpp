#include "server/core/storage/messagerepository.h"

#include "server/core/storage/conversationrepository.h"

#include "server/core/storage/rowreaders.h"
#include "server/core/storage/sqltransaction.h"
#include "server/core/storage/sqlutil.h"

#include "common/timeformat.h"

#include <algorithm>
#include <limits>

namespace Confab::Server {

namespace {

Result<std::optional<Message>> findByClientId(
    SqlContext &context, qint64 conversationId, qint64 senderId, const QString &clientMessageId)
{
    QSqlQuery query(context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("SELECT ") + Rows::messageColumns(QLatin1String("m"))
                + QStringLiteral(" FROM messages m WHERE m.conversation_id = ? AND m.sender_id "
                                 "= ? AND m.client_message_id = ?"),
            {conversationId, senderId, clientMessageId}, "finding a message by client id");
        !ran)
        return ran.error();
    if (!query.next())
        return std::optional<Message>();
    return std::optional<Message>(Rows::readMessage(query, 0));
}

Result<MessagePage> readPage(QSqlQuery &query, int limit, bool newestFirst)
{
    MessagePage page;
    while (query.next()) {
        if (page.messages.size() == limit) {
            page.hasMore = true; // the one extra row asked for exists
            break;
        }
        page.messages << Rows::readMessage(query, 0);
    }
    if (newestFirst)
        std::reverse(page.messages.begin(), page.messages.end());
    return page;
}

} // namespace

Result<SendOutcome> MessageRepository::send(qint64 conversationId, qint64 senderId,
    const QString &content, const QString &clientMessageId, const QDateTime &now)
{
    SqlTransaction transaction(m_context);
    if (Result<void> begun = transaction.begin(); !begun)
        return begun.error();

    SendOutcome outcome;
    std::optional<Message> existing;
    if (!clientMessageId.isEmpty()) {
        Result<std::optional<Message>> found =
            findByClientId(m_context, conversationId, senderId, clientMessageId);
        if (!found)
            return found.error();
        existing = std::move(*found);
    }
    if (!existing) {
        QSqlQuery query(m_context.db);
        // ON CONFLICT covers a retry racing the first attempt on another PostgreSQL worker:
        // the unique index decides, and the loser reads the winner's row below.
        if (Result<void> ran = Sql::exec(query,
                QStringLiteral("INSERT INTO messages (conversation_id, sender_id, content, "
                               "client_message_id, created_at) VALUES (?, ?, ?, ?, ?) ON "
                               "CONFLICT (conversation_id, sender_id, client_message_id) WHERE "
                               "client_message_id IS NOT NULL DO NOTHING RETURNING id"),
                {conversationId, senderId, content, Sql::textOrNull(clientMessageId),
                    Sql::toMs(now)},
                "inserting a message");
            !ran)
            return ran.error();
        if (query.next()) {
            outcome.created = true;
            outcome.message.id = query.value(0).toLongLong();
            outcome.message.conversationId = conversationId;
            outcome.message.senderId = senderId;
            outcome.message.content = content;
            outcome.message.clientMessageId = clientMessageId;
            outcome.message.createdAt = fromEpochMs(Sql::toMs(now));
        }
    }
    if (outcome.created) {
        // Concurrent sends may commit out of id order; never move the markers backwards.
        QSqlQuery query(m_context.db);
        if (Result<void> ran = Sql::exec(query,
                QStringLiteral("UPDATE conversations SET updated_at = CASE WHEN updated_at < ? "
                               "THEN ? ELSE updated_at END, last_message_id = CASE WHEN "
                               "last_message_id IS NULL OR last_message_id < ? THEN ? ELSE "
                               "last_message_id END WHERE id = ?"),
                {Sql::toMs(now), Sql::toMs(now), outcome.message.id, outcome.message.id,
                    conversationId},
                "updating a conversation's activity");
            !ran)
            return ran.error();
    } else {
        if (!existing) {
            Result<std::optional<Message>> found =
                findByClientId(m_context, conversationId, senderId, clientMessageId);
            if (!found)
                return found.error();
            if (!found->has_value())
                return internalError(QStringLiteral("A message vanished while it was sent."));
            existing = std::move(*found);
        }
        outcome.message = std::move(*existing);
    }
    Result<QList<qint64>> recipients =
        ConversationRepository(m_context).participantIds(conversationId);
    if (!recipients)
        return recipients.error();
    outcome.participantIds = std::move(*recipients);
    if (Result<void> committed = transaction.commit(); !committed)
        return committed.error();
    return outcome;
}

Result<MessagePage> MessageRepository::pageBefore(qint64 conversationId, qint64 beforeId, int limit)
{
    limit = qMax(1, limit);
    const qint64 upper = beforeId > 0 ? beforeId : std::numeric_limits<qint64>::max();
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("SELECT ") + Rows::messageColumns(QLatin1String("m"))
                + QStringLiteral(" FROM messages m WHERE m.conversation_id = ? AND m.id < ? "
                                 "ORDER BY m.id DESC LIMIT ?"),
            {conversationId, upper, limit + 1}, "reading older messages");
        !ran)
        return ran.error();
    return readPage(query, limit, true);
}

Result<MessagePage> MessageRepository::pageAfter(qint64 conversationId, qint64 afterId, int limit)
{
    limit = qMax(1, limit);
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("SELECT ") + Rows::messageColumns(QLatin1String("m"))
                + QStringLiteral(" FROM messages m WHERE m.conversation_id = ? AND m.id > ? "
                                 "ORDER BY m.id ASC LIMIT ?"),
            {conversationId, afterId, limit + 1}, "reading newer messages");
        !ran)
        return ran.error();
    return readPage(query, limit, false);
}

} // namespace Confab::Server
