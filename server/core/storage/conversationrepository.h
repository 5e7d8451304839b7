#pragma once

#include "server/core/storage/sqlcontext.h"
#include "server/core/storage/storedtypes.h"

#include <QHash>
#include <QList>

namespace Confab::Server {

/// Conversations and their participants. Runs on a database worker thread.
/// Every read takes the viewer's id: conversations are only ever seen by participants.
class ConversationRepository
{
public:
    explicit ConversationRepository(SqlContext &context)
        : m_context(context)
    { }

    /// The direct conversation of two users, made if there is none yet (created = false then).
    Result<CreateOutcome> findOrCreateDirect(
        qint64 creatorId, qint64 otherId, const QDateTime &now);
    /// A new group; the creator is its admin, the others members.
    Result<CreateOutcome> createGroup(qint64 creatorId, const QString &title,
        const QList<qint64> &memberIds, const QDateTime &now);
    /// The conversation as `viewerId` sees it, or nullopt when they are not a participant.
    Result<std::optional<Conversation>> findForViewer(qint64 conversationId, qint64 viewerId);
    /// Every conversation of `viewerId`, latest activity first.
    Result<QList<Conversation>> listForViewer(qint64 viewerId);
    Result<bool> isParticipant(qint64 conversationId, qint64 userId);
    Result<QList<qint64>> participantIds(qint64 conversationId);
    /// participantIds() of several conversations in one query; a conversation without
    /// participants (or that does not exist) is absent.
    Result<QHash<qint64, QList<qint64>>> participantIdsOf(const QList<qint64> &conversationIds);
    /// Everyone who shares at least one conversation with `userId`, without `userId`.
    Result<QList<qint64>> contactIds(qint64 userId);
    /// Everyone whose presence `userId` follows, and who follows theirs: those who share a
    /// conversation of at most `maxMembers` people with them (every direct conversation).
    Result<QList<qint64>> presenceContactIds(qint64 userId, int maxMembers);

private:
    /// Runs a query whose first column is an id and returns the ids in order.
    Result<QList<qint64>> selectIds(
        const QString &sql, const QVariantList &values, const char *what);
    Result<void> addParticipant(
        qint64 conversationId, qint64 userId, const QString &role, const QDateTime &now);
    /// Whether every one of the (distinct) `ids` is a user.
    Result<bool> usersExist(const QList<qint64> &ids);
    Result<CreateOutcome> loadCreated(qint64 conversationId, qint64 creatorId, bool created);

    SqlContext &m_context;
};

} // namespace Confab::Server
