#pragma once

#include "server/core/storage/sqlcontext.h"

#include "common/messagerequests.h"

#include <QList>

namespace Confab::Server {

/// What editing or deleting a message changed, and who must hear of it.
struct MessageChangeOutcome
{
    Message message; ///< as it is now (a tombstone after a deletion)
    bool changed = false; ///< false when deleting a message that was already deleted
    QList<qint64> participantIds;
};

/// Where a participant's read marker stands after a request to move it.
struct ReadOutcome
{
    qint64 messageId = 0; ///< the marker now (unchanged when the request named an older message)
    bool changed = false;
    QList<qint64> participantIds;
};

/// Changes to existing messages (edits, deletions that erase the text, the changes feed) and
/// read markers. Runs on a database worker thread. Every method checks that the caller takes
/// part in the conversation, in the same transaction as the change.
class MessageChangeRepository
{
public:
    explicit MessageChangeRepository(SqlContext &context)
        : m_context(context)
    { }

    /// Replaces the text of the editor's own message. Errors: message_not_found (also for a
    /// message of a conversation the editor is not in), not_sender, message_deleted.
    Result<MessageChangeOutcome> edit(
        qint64 messageId, qint64 editorId, const QString &content, const QDateTime &now);
    /// Erases a message's text and leaves a tombstone. Allowed to the sender and the
    /// conversation's admins. Errors: message_not_found, not_allowed.
    Result<MessageChangeOutcome> erase(qint64 messageId, qint64 userId, const QDateTime &now);
    /// Messages of the conversation changed after `since`, oldest change first. The caller
    /// checks participation.
    Result<MessageChanges> changesSince(qint64 conversationId, const QDateTime &since, int limit);
    /// Moves the reader's marker forwards to `messageId`, never backwards. Errors:
    /// conversation_not_found, invalid_message (not a message of that conversation).
    Result<ReadOutcome> markRead(qint64 conversationId, qint64 readerId, qint64 messageId);

private:
    /// The message as `userId` may see it, with the caller's role, under the conversation's
    /// change lock; message_not_found otherwise.
    struct Located
    {
        Message message;
        bool callerIsAdmin = false;
        qint64 stamp = 0; ///< this change's changed_at
    };
    Result<Located> lockForChange(qint64 messageId, qint64 userId, const QDateTime &now);
    /// After an erase on SQLite: copies the WAL into the database file and truncates it, so
    /// no page image with the old text survives in the -wal file.
    void checkpointWal();

    SqlContext &m_context;
};

} // namespace Confab::Server
