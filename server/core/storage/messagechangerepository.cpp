#include "server/core/storage/messagechangerepository.h"

#include "server/core/storage/conversationrepository.h"

#include "server/core/storage/rowreaders.h"
#include "server/core/storage/sqltransaction.h"
#include "server/core/storage/sqlutil.h"
#include "server/core/storage/storagelog.h"

#include "common/timeformat.h"

namespace Confab::Server {

namespace {

Error messageNotFound()
{
    return notFound(
        QStringLiteral("message_not_found"), QStringLiteral("There is no such message."));
}

} // namespace

Result<MessageChangeRepository::Located> MessageChangeRepository::lockForChange(
    qint64 messageId, qint64 userId, const QDateTime &now)
{
    qint64 conversationId = 0;
    Located located;
    {
        QSqlQuery query(m_context.db);
        if (Result<void> ran = Sql::exec(query,
                QStringLiteral("SELECT m.conversation_id, p.role FROM messages m JOIN participants "
                               "p ON p.conversation_id = m.conversation_id AND p.user_id = ? "
                               "WHERE m.id = ?"),
                {userId, messageId}, "finding a message to change");
            !ran)
            return ran.error();
        // A message in someone else's conversation is answered exactly like a missing one.
        if (!query.next())
            return messageNotFound();
        conversationId = query.value(0).toLongLong();
        located.callerIsAdmin = query.value(1).toString() == QLatin1String("admin");
    }
    {
        // The stamp comes from the conversation's row, whose lock the transaction now holds
        // until it ends: changes of one conversation get strictly increasing stamps in the
        // order they commit, so a reader of the changes feed can never skip one.
        QSqlQuery query(m_context.db);
        const qint64 nowMs = Sql::toMs(now);
        if (Result<void> ran = Sql::exec(query,
                QStringLiteral("UPDATE conversations SET last_change_at = CASE WHEN "
                               "last_change_at >= ? THEN last_change_at + 1 ELSE ? END WHERE id "
                               "= ? RETURNING last_change_at"),
                {nowMs, nowMs, conversationId}, "stamping a message change");
            !ran)
            return ran.error();
        if (!query.next())
            return messageNotFound();
        located.stamp = query.value(0).toLongLong();
    }
    // Read again under the lock: a deletion may have committed since the first look.
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("SELECT ") + Rows::messageColumns(QLatin1String("m"))
                + QStringLiteral(" FROM messages m WHERE m.id = ?"),
            {messageId}, "reading a message to change");
        !ran)
        return ran.error();
    if (!query.next())
        return messageNotFound();
    located.message = Rows::readMessage(query, 0);
    return located;
}

Result<MessageChangeOutcome> MessageChangeRepository::edit(
    qint64 messageId, qint64 editorId, const QString &content, const QDateTime &now)
{
    MessageChangeOutcome outcome;
    {
        SqlTransaction transaction(m_context);
        if (Result<void> begun = transaction.begin(); !begun)
            return begun.error();
        Result<Located> located = lockForChange(messageId, editorId, now);
        if (!located)
            return located.error();
        Message &message = located->message;
        if (message.senderId != editorId)
            return forbidden(QStringLiteral("not_sender"),
                QStringLiteral("Only the sender of a message can edit it."));
        if (message.isDeleted())
            return conflict(QStringLiteral("message_deleted"),
                QStringLiteral("This message was deleted and can no longer be edited."));
        QSqlQuery query(m_context.db);
        if (Result<void> ran = Sql::exec(query,
                QStringLiteral("UPDATE messages SET content = ?, edited_at = ?, changed_at = ? "
                               "WHERE id = ?"),
                {content, Sql::toMs(now), located->stamp, messageId}, "editing a message");
            !ran)
            return ran.error();
        message.content = content;
        message.editedAt = fromEpochMs(Sql::toMs(now));
        Result<QList<qint64>> recipients =
            ConversationRepository(m_context).participantIds(message.conversationId);
        if (!recipients)
            return recipients.error();
        if (Result<void> committed = transaction.commit(); !committed)
            return committed.error();
        outcome.message = std::move(message);
        outcome.changed = true;
        outcome.participantIds = std::move(*recipients);
    }
    checkpointWal(); // the replaced text must not survive in the WAL either
    return outcome;
}

Result<MessageChangeOutcome> MessageChangeRepository::erase(
    qint64 messageId, qint64 userId, const QDateTime &now)
{
    MessageChangeOutcome outcome;
    {
        SqlTransaction transaction(m_context);
        if (Result<void> begun = transaction.begin(); !begun)
            return begun.error();
        Result<Located> located = lockForChange(messageId, userId, now);
        if (!located)
            return located.error();
        Message &message = located->message;
        if (message.senderId != userId && !located->callerIsAdmin)
            return forbidden(QStringLiteral("not_allowed"),
                QStringLiteral("Only the sender or an admin of the conversation can delete "
                               "this message."));
        if (message.isDeleted()) {
            // Deleting again changes nothing; the rollback also returns the unused stamp.
            outcome.message = std::move(message);
            return outcome;
        }
        // The text is overwritten, not flagged: secure_delete (SQLite) zeroes the old bytes.
        QSqlQuery query(m_context.db);
        if (Result<void> ran = Sql::exec(query,
                QStringLiteral("UPDATE messages SET content = '', deleted_at = ?, changed_at = ? "
                               "WHERE id = ?"),
                {Sql::toMs(now), located->stamp, messageId}, "deleting a message");
            !ran)
            return ran.error();
        message.content.clear();
        message.deletedAt = fromEpochMs(Sql::toMs(now));
        Result<QList<qint64>> recipients =
            ConversationRepository(m_context).participantIds(message.conversationId);
        if (!recipients)
            return recipients.error();
        if (Result<void> committed = transaction.commit(); !committed)
            return committed.error();
        outcome.message = std::move(message);
        outcome.changed = true;
        outcome.participantIds = std::move(*recipients);
    }
    checkpointWal();
    return outcome;
}

Result<MessageChanges> MessageChangeRepository::changesSince(
    qint64 conversationId, const QDateTime &since, int limit)
{
    limit = qMax(1, limit);
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("SELECT ") + Rows::messageColumns(QLatin1String("m"))
                + QStringLiteral(", m.changed_at FROM messages m WHERE m.conversation_id = ? "
                                 "AND m.changed_at > ? ORDER BY m.changed_at, m.id LIMIT ?"),
            {conversationId, Sql::toMs(since), limit + 1}, "reading message changes");
        !ran)
        return ran.error();
    MessageChanges changes;
    qint64 last = Sql::toMs(since);
    while (query.next()) {
        if (changes.messages.size() == limit) {
            changes.hasMore = true;
            break;
        }
        changes.messages << Rows::readMessage(query, 0);
        last = query.value(Rows::messageColumnCount).toLongLong();
    }
    changes.nextSince = fromEpochMs(last);
    return changes;
}

Result<ReadOutcome> MessageChangeRepository::markRead(
    qint64 conversationId, qint64 readerId, qint64 messageId)
{
    {
        QSqlQuery query(m_context.db);
        if (Result<void> ran = Sql::exec(query,
                QStringLiteral("SELECT 1 FROM messages WHERE id = ? AND conversation_id = ?"),
                {messageId, conversationId}, "checking a read marker");
            !ran)
            return ran.error();
        if (!query.next())
            return badRequest(QStringLiteral("invalid_message"),
                QStringLiteral("messageId must name a message of this conversation."));
    }
    ReadOutcome outcome;
    {
        // One conditional statement, so concurrent requests can only move the marker forwards.
        QSqlQuery query(m_context.db);
        if (Result<void> ran = Sql::exec(query,
                QStringLiteral("UPDATE participants SET last_read_message_id = ? WHERE "
                               "conversation_id = ? AND user_id = ? AND last_read_message_id < ?"),
                {messageId, conversationId, readerId, messageId}, "moving a read marker");
            !ran)
            return ran.error();
        outcome.changed = query.numRowsAffected() > 0;
    }
    if (outcome.changed) {
        outcome.messageId = messageId;
        Result<QList<qint64>> recipients =
            ConversationRepository(m_context).participantIds(conversationId);
        if (!recipients)
            return recipients.error();
        outcome.participantIds = std::move(*recipients);
        return outcome;
    }
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("SELECT last_read_message_id FROM participants WHERE conversation_id = "
                           "? AND user_id = ?"),
            {conversationId, readerId}, "reading a read marker");
        !ran)
        return ran.error();
    if (query.next())
        outcome.messageId = query.value(0).toLongLong();
    return outcome;
}

void MessageChangeRepository::checkpointWal()
{
    if (m_context.dialect != SqlDialect::Sqlite)
        return;
    // The change is committed either way: a checkpoint that cannot finish now (a reader holds
    // an old snapshot) is logged, and the next erase or edit tries again.
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(
            query, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), {}, "checkpointing the WAL");
        !ran)
        return;
    if (query.next() && query.value(0).toInt() != 0)
        qCWarning(lcStorage) << "WAL checkpoint after an erase was blocked by a reader";
}

} // namespace Confab::Server
