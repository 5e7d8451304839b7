#pragma once

#include "server/core/storage/sqlcontext.h"

#include "common/conversation.h"

#include <optional>

namespace Confab::Server {

/// What a group change needs to know about the conversation and the person changing it.
struct GroupAccess
{
    GroupAccess(ConversationType t, QString currentTitle, ParticipantRole role)
        : type(t)
        , title(std::move(currentTitle))
        , actorRole(role)
    { }
    ConversationType type;
    QString title;
    ParticipantRole actorRole;
};

/// Membership, roles and titles of groups. Runs on a database worker thread, inside a
/// transaction the caller opens; the rules (who may do what) are the API's.
class GroupRepository
{
public:
    explicit GroupRepository(SqlContext &context)
        : m_context(context)
    { }

    /// Locks the conversation's row until the transaction ends, so that changes to one group
    /// (the participant cap, the last admin) never race, and reads the actor's standing.
    /// nullopt when the conversation does not exist or `actorId` takes no part in it.
    Result<std::optional<GroupAccess>> lockForChange(qint64 conversationId, qint64 actorId);
    Result<std::optional<ParticipantRole>> roleOf(qint64 conversationId, qint64 userId);
    Result<qint64> participantCount(qint64 conversationId);
    Result<qint64> adminCount(qint64 conversationId);
    /// Adds a member who has read everything so far: joining is not a backlog of unread.
    Result<void> add(
        qint64 conversationId, qint64 userId, ParticipantRole role, const QDateTime &now);
    Result<void> remove(qint64 conversationId, qint64 userId);
    Result<void> setRole(qint64 conversationId, qint64 userId, ParticipantRole role);
    Result<void> setTitle(qint64 conversationId, const QString &title);
    /// When no admin is left, the longest-standing participant (earliest joined, then lowest
    /// id) becomes one; their id, or nullopt when nobody was promoted.
    Result<std::optional<qint64>> promoteSuccessorIfNoAdmin(qint64 conversationId);
    /// Deletes the conversation (its messages and participants cascade).
    Result<void> deleteConversation(qint64 conversationId);

private:
    Result<qint64> count(const QString &sql, qint64 conversationId, const char *what);

    SqlContext &m_context;
};

} // namespace Confab::Server
