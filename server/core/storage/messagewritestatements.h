#pragma once

#include "server/core/storage/sqlcontext.h"
#include "server/core/storage/storedtypes.h"

#include <optional>

namespace Confab::Server {

/// The newest message a transaction stored in one conversation, and when.
struct ConversationActivity
{
    qint64 conversationId = 0;
    qint64 lastMessageId = 0;
    QDateTime at;
};

/// The statements that store messages, each prepared once per connection (in its
/// StatementCache, through CachedQuery) and then run for every message: on PostgreSQL a
/// prepared statement costs a round trip to make and another to drop, which would otherwise
/// be paid for every message or every batch, and the batch forms
/// (insertAll, advanceAll) take a whole batch in one round trip. Runs on a database worker
/// inside a transaction the caller owns; the caller checks membership first.
class MessageWriteStatements
{
public:
    explicit MessageWriteStatements(SqlContext &context)
        : m_context(context)
    { }
    MessageWriteStatements(const MessageWriteStatements &) = delete;
    MessageWriteStatements &operator=(const MessageWriteStatements &) = delete;

    /// Stores `message`; with a clientMessageId this sender already used in this
    /// conversation, returns the first message instead (created = false) and stores nothing.
    /// Leaves participantIds empty and the conversation's activity alone (advanceActivity).
    Result<SendOutcome> store(const NewMessage &message);
    /// Moves the conversation's latest activity forward to `lastMessageId` at `at`, never back.
    Result<void> advanceActivity(qint64 conversationId, qint64 lastMessageId, const QDateTime &at);

    /// The message this sender already stored with message.clientMessageId in its conversation.
    Result<std::optional<Message>> findByClientId(const NewMessage &message);
    /// findByClientId() for each of `messages` (all with a client id), in the same order; one
    /// statement on PostgreSQL.
    Result<QList<std::optional<Message>>> findAllByClientId(const QList<NewMessage> &messages);
    /// Inserts every one of `messages`, whose client ids the caller found unused; their new ids
    /// in the same order. A client id in use after all fails the call. PostgreSQL: one
    /// statement for all; SQLite: one each (in-process, there is no round trip to save).
    Result<QList<qint64>> insertAll(const QList<NewMessage> &messages);
    /// advanceActivity() for each of `activities`, in one statement on PostgreSQL.
    Result<void> advanceAll(const QList<ConversationActivity> &activities);
    /// `message` as stored under `id`.
    static Message storedMessage(const NewMessage &message, qint64 id);

private:
    /// The new id, or nullopt when the unique index found the client id already used.
    Result<std::optional<qint64>> insert(const NewMessage &message);

    SqlContext &m_context;
};

} // namespace Confab::Server
