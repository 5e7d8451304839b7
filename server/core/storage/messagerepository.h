#pragma once

#include "server/core/storage/messagewritestatements.h"
#include "server/core/storage/sqlcontext.h"
#include "server/core/storage/storedtypes.h"

#include "common/messagerequests.h"

namespace Confab::Server {

/// Messages. Runs on a database worker thread. Callers check participation first.
class MessageRepository
{
public:
    explicit MessageRepository(SqlContext &context)
        : m_context(context)
        , m_writes(context)
    { }

    /// Stores a message (and the conversation's latest activity) in one transaction; with a
    /// clientMessageId already used by this sender in this conversation, returns the first
    /// message instead (created = false) and stores nothing.
    Result<SendOutcome> send(qint64 conversationId, qint64 senderId, const QString &content,
        const QString &clientMessageId, const QDateTime &now);
    /// The newest `limit` messages older than `beforeId` (all when 0), oldest first;
    /// keyset pagination on (conversation_id, id), never OFFSET.
    Result<MessagePage> pageBefore(qint64 conversationId, qint64 beforeId, int limit);
    /// The oldest `limit` messages newer than `afterId`, oldest first.
    Result<MessagePage> pageAfter(qint64 conversationId, qint64 afterId, int limit);
    /// The statements that store messages, prepared once per connection (MessageBatch).
    MessageWriteStatements &writeStatements() { return m_writes; }

private:
    SqlContext &m_context;
    MessageWriteStatements m_writes;
};

} // namespace Confab::Server
