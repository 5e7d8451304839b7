#include "server/core/storage/messagewritestatements.h"

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
    if (Result<void> ran = run(m_insertAll,
            QStringLiteral(
                "WITH v AS (SELECT nextval(pg_get_serial_sequence('messages', 'id')) AS id, r.* "
                "FROM (SELECT * FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS "
                "text[]), CAST(? AS text[]), CAST(? AS bigint[])) WITH ORDINALITY AS "
                "u(conversation_id, sender_id, content, client_message_id, created_at, ord) "
                "ORDER BY ord) r), inserted AS (INSERT INTO messages (id, conversation_id, "
                "sender_id, content, client_message_id, created_at) OVERRIDING SYSTEM VALUE "
                "SELECT id, conversation_id, sender_id, content, client_message_id, created_at "
                "FROM v) SELECT id, ord FROM v ORDER BY ord"),
            {PgArray::ofIntegers(conversations), PgArray::ofIntegers(senders),
                PgArray::ofTexts(contents, false), PgArray::ofTexts(clientIds, true),
                PgArray::ofIntegers(times)},
            "inserting messages");
        !ran)
        return ran.error();
    ids.resize(messages.size());
    qsizetype rows = 0;
    while (m_insertAll->next()) {
        const qsizetype position = m_insertAll->value(1).toLongLong() - 1;
        if (position < 0 || position >= ids.size())
            break;
        ids[position] = m_insertAll->value(0).toLongLong();
        ++rows;
    }
    m_insertAll->finish();
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
    Result<void> ran = run(m_advanceAll,
        QStringLiteral("UPDATE conversations c SET updated_at = CASE WHEN c.updated_at < v.at "
                       "THEN v.at ELSE c.updated_at END, last_message_id = CASE WHEN "
                       "c.last_message_id IS NULL OR c.last_message_id < v.last_id THEN v.last_id "
                       "ELSE c.last_message_id END FROM unnest(CAST(? AS bigint[]), CAST(? AS "
                       "bigint[]), CAST(? AS bigint[])) AS v(id, last_id, at) WHERE c.id = v.id"),
        {PgArray::ofIntegers(conversations), PgArray::ofIntegers(lastIds),
            PgArray::ofIntegers(times)},
        "updating conversations' activity");
    if (ran)
        m_advanceAll->finish();
    return ran;
}

Result<void> MessageWriteStatements::advanceActivity(
    qint64 conversationId, qint64 lastMessageId, const QDateTime &at)
{
    // Concurrent writers may commit out of id order; never move the markers backwards.
    const qint64 ms = Sql::toMs(at);
    Result<void> ran = run(m_advance,
        QStringLiteral("UPDATE conversations SET updated_at = CASE WHEN updated_at < ? THEN ? "
                       "ELSE updated_at END, last_message_id = CASE WHEN last_message_id IS NULL "
                       "OR last_message_id < ? THEN ? ELSE last_message_id END WHERE id = ?"),
        {ms, ms, lastMessageId, lastMessageId, conversationId},
        "updating a conversation's activity");
    if (ran)
        m_advance->finish();
    return ran;
}

Result<std::optional<Message>> MessageWriteStatements::findByClientId(const NewMessage &message)
{
    if (Result<void> ran = run(m_find,
            QStringLiteral("SELECT ") + Rows::messageColumns(QLatin1String("m"))
                + QStringLiteral(" FROM messages m WHERE m.conversation_id = ? AND m.sender_id "
                                 "= ? AND m.client_message_id = ?"),
            {message.conversationId, message.senderId, message.clientMessageId},
            "finding a message by client id");
        !ran)
        return ran.error();
    std::optional<Message> found;
    if (m_find->next())
        found = Rows::readMessage(*m_find, 0);
    m_find->finish();
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
    if (Result<void> ran = run(m_findAll,
            QStringLiteral("SELECT k.ord, ") + Rows::messageColumns(QLatin1String("m"))
                + QStringLiteral(
                    " FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[])) "
                    "WITH ORDINALITY AS k(conversation_id, sender_id, client_message_id, ord) "
                    "JOIN messages m ON m.conversation_id = k.conversation_id AND m.sender_id = "
                    "k.sender_id AND m.client_message_id = k.client_message_id"),
            {PgArray::ofIntegers(conversations), PgArray::ofIntegers(senders),
                PgArray::ofTexts(clientIds, false)},
            "finding messages by client id");
        !ran)
        return ran.error();
    while (m_findAll->next()) {
        const qsizetype position = m_findAll->value(0).toLongLong() - 1;
        if (position >= 0 && position < found.size())
            found[position] = Rows::readMessage(*m_findAll, 1);
    }
    m_findAll->finish();
    return found;
}

Result<std::optional<qint64>> MessageWriteStatements::insert(const NewMessage &message)
{
    // ON CONFLICT covers a retry racing the first attempt on another connection: the unique
    // index decides, and the loser reads the winner's row.
    if (Result<void> ran = run(m_insert,
            QStringLiteral("INSERT INTO messages (conversation_id, sender_id, content, "
                           "client_message_id, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT "
                           "(conversation_id, sender_id, client_message_id) WHERE "
                           "client_message_id IS NOT NULL DO NOTHING RETURNING id"),
            {message.conversationId, message.senderId, message.content,
                Sql::textOrNull(message.clientMessageId), Sql::toMs(message.createdAt)},
            "inserting a message");
        !ran)
        return ran.error();
    std::optional<qint64> id;
    if (m_insert->next())
        id = m_insert->value(0).toLongLong();
    m_insert->finish();
    return id;
}

Result<void> MessageWriteStatements::run(std::optional<QSqlQuery> &query, const QString &sql,
    const QVariantList &values, const char *what)
{
    if (!query) {
        query.emplace(m_context.db);
        if (!query->prepare(sql)) {
            Error error = Sql::failure(query->lastError(), what);
            query.reset(); // prepared again on the next use
            return error;
        }
    }
    for (qsizetype i = 0; i < values.size(); ++i)
        query->bindValue(int(i), values.at(i));
    // A statement that failed stays prepared: PostgreSQL's prepared statements outlive the
    // transaction that failed, and SQLite resets the statement on its next run.
    if (!query->exec())
        return Sql::failure(query->lastError(), what);
    return {};
}

} // namespace Confab::Server
