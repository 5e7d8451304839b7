#include "server/core/storage/messagebatch.h"

#include "server/core/storage/conversationerrors.h"
#include "server/core/storage/messagewritestatements.h"
#include "server/core/storage/sqltransaction.h"
#include "server/core/storage/storage.h"
#include "server/core/storage/storagelog.h"

#include <QMap>

namespace Confab::Server {

namespace {

/// The newest message a batch stored in one conversation, and when.
struct Activity
{
    qint64 lastMessageId = 0;
    QDateTime at;
};

QList<qint64> distinctConversations(const QList<NewMessage> &messages)
{
    QList<qint64> ids;
    for (const NewMessage &message : messages) {
        if (!ids.contains(message.conversationId))
            ids << message.conversationId;
    }
    return ids;
}

} // namespace

QList<Result<SendOutcome>> MessageBatch::write(const QList<NewMessage> &messages)
{
    Result<QList<Result<SendOutcome>>> together = writeTogether(messages);
    if (together)
        return std::move(together).value();
    QList<Result<SendOutcome>> results;
    if (messages.size() == 1) {
        results.emplaceBack(together.error());
        return results;
    }
    qCWarning(lcStorage) << "a batch of" << messages.size()
                         << "messages failed; writing each in a transaction of its own";
    for (const NewMessage &message : messages) {
        Result<QList<Result<SendOutcome>>> alone = writeTogether({message});
        // Results are built in place: copying a temporary Result<SendOutcome> made from an
        // Error trips a false -Wmaybe-uninitialized in GCC 12 at -O3.
        if (alone)
            results.emplaceBack(alone->constFirst());
        else
            results.emplaceBack(alone.error());
    }
    return results;
}

Result<QList<Result<SendOutcome>>> MessageBatch::writeTogether(const QList<NewMessage> &messages)
{
    SqlTransaction transaction(m_storage.context());
    if (Result<void> begun = transaction.begin(); !begun)
        return begun.error();
    // Read inside the transaction, so that a member removed before it began cannot send.
    Result<QHash<qint64, QList<qint64>>> participants =
        m_storage.conversations().participantIdsOf(distinctConversations(messages));
    if (!participants)
        return participants.error();

    MessageWriteStatements &statements = m_storage.messages().writeStatements();
    QList<Result<SendOutcome>> results;
    results.reserve(messages.size());
    QMap<qint64, Activity> activity; // ordered, so that rows are always locked in one order
    for (const NewMessage &message : messages) {
        const auto members = participants->constFind(message.conversationId);
        if (members == participants->constEnd() || !members->contains(message.senderId)) {
            results.emplaceBack(conversationNotFound());
            continue;
        }
        Result<SendOutcome> stored = statements.store(message);
        if (!stored)
            return stored.error();
        stored->participantIds = *members;
        if (stored->created) {
            Activity &latest = activity[message.conversationId];
            latest.lastMessageId = qMax(latest.lastMessageId, stored->message.id);
            if (!latest.at.isValid() || latest.at < message.createdAt)
                latest.at = message.createdAt;
        }
        results << std::move(stored);
    }
    for (auto it = activity.cbegin(); it != activity.cend(); ++it) {
        if (Result<void> advanced = statements.advanceActivity(it.key(), it->lastMessageId, it->at);
            !advanced)
            return advanced.error();
    }
    if (Result<void> committed = transaction.commit(); !committed)
        return committed.error();
    return results;
}

} // namespace Confab::Server
