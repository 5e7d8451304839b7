#include "server/core/storage/messagewritestatements.h"

#include "server/core/storage/cachedquery.h"
#include "server/core/storage/pgarrayliteral.h"
#include "server/core/storage/rowreaders.h"
#include "server/core/storage/sqlutil.h"

#include "common/timeformat.h"

namespace Confab::Server {

Result<SendOutcome> MessageWriteStatements::store(const NewMessage &message)
{
    SendOutcome outcome;
    if (!message.clientMessageId.isEmpty()) {
        Result<std::optional<Message>> found = findByClientId(message);
        if (!found)
            return found.error();
        if (found->has_value()) {
            outcome.message = std::move(**found);
            return outcome;
        }
    }
    Result<std::optional<qint64>> inserted = insert(message);
    if (!inserted)
        return inserted.error();
    if (!inserted->has_value()) {
        // Another connection stored the same client id between the look-up and the insert.
        Result<std::optional<Message>> found = findByClientId(message);
        if (!found)
            return found.error();
        if (!found->has_value())
            return internalError(QStringLiteral("A message vanished while it was sent."));
        outcome.message = std::move(**found);
        return outcome;
    }
    outcome.created = true;
    outcome.message = storedMessage(message, **inserted);
    return outcome;
}

Message MessageWriteStatements::storedMessage(const NewMessage &message, qint64 id)
{
    Message stored;
    stored.id = id;
    stored.conversationId = message.conversationId;
    stored.senderId = message.senderId;
    stored.content = message.content;
    stored.clientMessageId = message.clientMessageId;
    stored.createdAt = fromEpochMs(Sql::toMs(message.createdAt));
    return stored;
}

Result<QList<qint64>> MessageWriteStatements::insertAll(const QList<NewMessage> &messages)
{
    QList<qint64> ids;
    if (messages.isEmpty())
        return ids;
    if (m_context.dialect == SqlDialect::Sqlite) {
        for (const NewMessage &message : messages) {
            Result<std::optional<qint64>> inserted = insert(message);
            if (!inserted)
                return inserted.error();
            if (!inserted->has_value())
                return internalError(QStringLiteral("A client message id was used twice at once."));
            ids << **inserted;
        }
        return ids;
    }
    QList<qint64> conversations, senders, times;
    QList<QString> contents, clientIds;
    for (const NewMessage &message : messages) {
        conversations << message.conversationId;
        senders << message.senderId;
        contents << message.content;
        clientIds << message.clientMessageId;
        times << Sql::toMs(message.createdAt);
    }
    // The ids are taken from the identity's sequence in the order of the batch and returned
    // with each row's position, so that every sender gets exactly its own message's id.
    CachedQuery query(m_context,
        QStringLiteral(
            "WITH v AS (SELECT nextval(pg_get_serial_sequence('messages', 'id')) AS id, r.* "
            "FROM (SELECT * FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS "
            "text[]), CAST(? AS text[]), CAST(? AS bigint[])) WITH ORDINALITY AS "
            "u(conversation_id, sender_id, content, client_message_id, created_at, ord) "
            "ORDER BY ord) r), inserted AS (INSERT INTO messages (id, conversation_id, "
            "sender_id, content, client_message_id, created_at) OVERRIDING SYSTEM VALUE "
            "SELECT id, conversation_id, sender_id, content, client_message_id, created_at "
            "FROM v) SELECT id, ord FROM v ORDER BY ord"));
    if (Result<void> ran =
            query.exec({PgArray::ofIntegers(conversations), PgArray::ofIntegers(senders),
                           PgArray::ofTexts(contents, false), PgArray::ofTexts(clientIds, true),
                           PgArray::ofIntegers(times)},
                "inserting messages");
        !ran)
        return ran.error();
    ids.resize(messages.size());
    qsizetype rows = 0;
    while (query->next()) {
        const qsizetype position = query->value(1).toLongLong() - 1;
        if (position < 0 || position >= ids.size())
            break;
        ids[position] = query->value(0).toLongLong();
        ++rows;
    }
    if (rows != messages.size())
        return internalError(QStringLiteral("The database stored a different number of messages."));
    return ids;
}

Result<void> MessageWriteStatements::advanceAll(const QList<ConversationActivity> &activities)
{
    if (activities.isEmpty())
        return {};
    if (m_context.dialect == SqlDialect::Sqlite) {
        for (const ConversationActivity &activity : activities) {
            if (Result<void> advanced =
                    advanceActivity(activity.conversationId, activity.lastMessageId, activity.at);
                !advanced)
                return advanced;
        }
        return {};
    }
    QList<qint64> conversations, lastIds, times;
    for (const ConversationActivity &activity : activities) {
        conversations << activity.conversationId;
        lastIds << activity.lastMessageId;
        times << Sql::toMs(activity.at);
    }
    CachedQuery query(m_context,
        QStringLiteral("UPDATE conversations c SET updated_at = CASE WHEN c.updated_at < v.at "
                       "THEN v.at ELSE c.updated_at END, last_message_id = CASE WHEN "
                       "c.last_message_id IS NULL OR c.last_message_id < v.last_id THEN v.last_id "
                       "ELSE c.last_message_id END FROM unnest(CAST(? AS bigint[]), CAST(? AS "
                       "bigint[]), CAST(? AS bigint[])) AS v(id, last_id, at) WHERE c.id = v.id"));
    return query.exec({PgArray::ofIntegers(conversations), PgArray::ofIntegers(lastIds),
                          PgArray::ofIntegers(times)},
        "updating conversations' activity");
}

Result<void> MessageWriteStatements::advanceActivity(
    qint64 conversationId, qint64 lastMessageId, const QDateTime &at)
{
    // Concurrent writers may commit out of id order; never move the markers backwards.
    const qint64 ms = Sql::toMs(at);
    CachedQuery query(m_context,
        QStringLiteral("UPDATE conversations SET updated_at = CASE WHEN updated_at < ? THEN ? "
                       "ELSE updated_at END, last_message_id = CASE WHEN last_message_id IS NULL "
                       "OR last_message_id < ? THEN ? ELSE last_message_id END WHERE id = ?"));
    return query.exec({ms, ms, lastMessageId, lastMessageId, conversationId},
        "updating a conversation's activity");
}

Result<std::optional<Message>> MessageWriteStatements::findByClientId(const NewMessage &message)
{
    CachedQuery query(m_context,
        QStringLiteral("SELECT ") + Rows::messageColumns(QLatin1String("m"))
            + QStringLiteral(" FROM messages m WHERE m.conversation_id = ? AND m.sender_id "
                             "= ? AND m.client_message_id = ?"));
    if (Result<void> ran =
            query.exec({message.conversationId, message.senderId, message.clientMessageId},
                "finding a message by client id");
        !ran)
        return ran.error();
    std::optional<Message> found;
    if (query->next())
        found = Rows::readMessage(*query, 0);
    return found;
}

Result<QList<std::optional<Message>>> MessageWriteStatements::findAllByClientId(
    const QList<NewMessage> &messages)
{
    QList<std::optional<Message>> found(messages.size());
    if (messages.isEmpty())
        return found;
    if (m_context.dialect == SqlDialect::Sqlite) {
        for (qsizetype i = 0; i < messages.size(); ++i) {
            Result<std::optional<Message>> one = findByClientId(messages.at(i));
            if (!one)
                return one.error();
            found[i] = std::move(*one);
        }
        return found;
    }
    QList<qint64> conversations, senders;
    QList<QString> clientIds;
    for (const NewMessage &message : messages) {
        conversations << message.conversationId;
        senders << message.senderId;
        clientIds << message.clientMessageId;
    }
    CachedQuery query(m_context,
        QStringLiteral("SELECT k.ord, ") + Rows::messageColumns(QLatin1String("m"))
            + QStringLiteral(
                " FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[])) "
                "WITH ORDINALITY AS k(conversation_id, sender_id, client_message_id, ord) "
                "JOIN messages m ON m.conversation_id = k.conversation_id AND m.sender_id = "
                "k.sender_id AND m.client_message_id = k.client_message_id"));
    if (Result<void> ran =
            query.exec({PgArray::ofIntegers(conversations), PgArray::ofIntegers(senders),
                           PgArray::ofTexts(clientIds, false)},
                "finding messages by client id");
        !ran)
        return ran.error();
    while (query->next()) {
        const qsizetype position = query->value(0).toLongLong() - 1;
        if (position >= 0 && position < found.size())
            found[position] = Rows::readMessage(*query, 1);
    }
    return found;
}

Result<std::optional<qint64>> MessageWriteStatements::insert(const NewMessage &message)
{
    // ON CONFLICT covers a retry racing the first attempt on another connection: the unique
    // index decides, and the loser reads the winner's row.
    CachedQuery query(m_context,
        QStringLiteral("INSERT INTO messages (conversation_id, sender_id, content, "
                       "client_message_id, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT "
                       "(conversation_id, sender_id, client_message_id) WHERE "
                       "client_message_id IS NOT NULL DO NOTHING RETURNING id"));
    if (Result<void> ran =
            query.exec({message.conversationId, message.senderId, message.content,
                           Sql::textOrNull(message.clientMessageId), Sql::toMs(message.createdAt)},
                "inserting a message");
        !ran)
        return ran.error();
    std::optional<qint64> id;
    if (query->next())
        id = query->value(0).toLongLong();
    return id;
}

} // namespace Confab::Server
