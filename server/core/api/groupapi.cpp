#include "server/core/api/groupapi.h"

#include "server/core/api/conversationapi.h"
#include "server/core/api/presence.h"
#include "server/core/api/requestparsing.h"
#include "server/core/realtime/realtimehub.h"
#include "server/core/storage/database.h"
#include "server/core/storage/sqltransaction.h"

#include "common/events.h"
#include "common/participantrequests.h"
#include "common/textlength.h"

namespace Confab::Server {

namespace {

/// What one group change did, for the response and the events.
struct GroupChange
{
    GroupChange() = default;

    std::optional<Conversation> forCaller; ///< the group as the caller now sees it
    std::optional<Conversation> forNewMember; ///< as an added participant sees it
    std::optional<Conversation> afterSuccession; ///< as the newly promoted admin sees it
    QList<qint64> participantIds; ///< everyone in the group after the change
    bool changed = false; ///< false when the request asked for what already was
    bool deleted = false; ///< the last participant left, so the group is gone
};

Error notAGroup()
{
    return badRequest(QStringLiteral("not_a_group"),
        QStringLiteral("Only groups have members to manage and a title; this is a direct "
                       "conversation."));
}

Error notAdmin()
{
    return forbidden(
        QStringLiteral("not_admin"), QStringLiteral("Only an admin of this group can do that."));
}

Error participantNotFound()
{
    return notFound(QStringLiteral("participant_not_found"),
        QStringLiteral("This person is not in the group."));
}

using Change = std::function<Result<void>(Storage &, const GroupAccess &, GroupChange &)>;

/// The frame of every group change: one transaction that locks the group, hides it from
/// non-participants (404), refuses direct conversations, runs `change` and reads the result.
Result<GroupChange> changeGroup(
    Storage &storage, qint64 conversationId, qint64 me, const Change &change)
{
    SqlTransaction transaction(storage.context());
    if (Result<void> begun = transaction.begin(); !begun)
        return begun.error();
    Result<std::optional<GroupAccess>> access = storage.groups().lockForChange(conversationId, me);
    if (!access)
        return access.error();
    if (!access->has_value())
        return conversationNotFound();
    if ((*access)->type != ConversationType::Group)
        return notAGroup();
    GroupChange outcome;
    if (Result<void> changed = change(storage, **access, outcome); !changed)
        return changed.error();
    if (!outcome.deleted) {
        Result<QList<qint64>> ids = storage.conversations().participantIds(conversationId);
        if (!ids)
            return ids.error();
        outcome.participantIds = std::move(ids).value();
        Result<std::optional<Conversation>> mine =
            storage.conversations().findForViewer(conversationId, me);
        if (!mine)
            return mine.error();
        outcome.forCaller = std::move(mine).value();
    }
    if (Result<void> committed = transaction.commit(); !committed)
        return committed.error();
    return outcome;
}

/// The conversation for CONVERSATION_UPDATED: one serialisation goes to everybody, so it
/// carries no one's unread count.
Conversation sharedView(Conversation conversation)
{
    conversation.unreadCount = 0;
    return conversation;
}

} // namespace

void GroupApi::registerRoutes(Router &router)
{
    using M = QHttpServerRequest::Method;
    const auto auth = Router::Access::Authenticated;
    router.add(M::Post, QStringLiteral("/api/conversations/:id/participants"), auth,
        [this](ApiRequest r) { return addParticipant(std::move(r)); });
    router.add(M::Delete, QStringLiteral("/api/conversations/:id/participants/:userId"), auth,
        [this](ApiRequest r) { return removeParticipant(std::move(r)); });
    router.add(M::Patch, QStringLiteral("/api/conversations/:id/participants/:userId"), auth,
        [this](ApiRequest r) { return changeRole(std::move(r)); });
    router.add(M::Patch, QStringLiteral("/api/conversations/:id"), auth,
        [this](ApiRequest r) { return rename(std::move(r)); });
}

QCoro::Task<ApiResponse> GroupApi::addParticipant(ApiRequest request)
{
    Result<AddParticipantRequest> body = parseBody<AddParticipantRequest>(request);
    if (!body)
        co_return ApiResponse::error(body.error());
    const qint64 me = request.userId;
    const qint64 conversationId = request.ids.at(0);
    const qint64 newcomer = body->userId;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto changeTask = m_context.database.run<GroupChange>(
        [conversationId, me, newcomer, now](Storage &storage) -> Result<GroupChange> {
            return changeGroup(storage, conversationId, me,
                [conversationId, newcomer, now](
                    Storage &s, const GroupAccess &access, GroupChange &outcome) -> Result<void> {
                    if (access.actorRole != ParticipantRole::Admin)
                        return notAdmin();
                    Result<std::optional<User>> user = s.users().findById(newcomer);
                    if (!user)
                        return user.error();
                    if (!user->has_value())
                        return badRequest(QStringLiteral("unknown_user"),
                            QStringLiteral("This person has no account here."));
                    Result<std::optional<ParticipantRole>> role =
                        s.groups().roleOf(conversationId, newcomer);
                    if (!role)
                        return role.error();
                    if (role->has_value())
                        return conflict(QStringLiteral("already_participant"),
                            QStringLiteral("This person is already in the group."));
                    Result<qint64> count = s.groups().participantCount(conversationId);
                    if (!count)
                        return count.error();
                    if (*count >= ConversationApi::kMaxParticipants)
                        return badRequest(QStringLiteral("too_many_participants"),
                            QStringLiteral("A group has at most %1 participants; remove someone "
                                           "first.")
                                .arg(ConversationApi::kMaxParticipants));
                    if (Result<void> added =
                            s.groups().add(conversationId, newcomer, ParticipantRole::Member, now);
                        !added)
                        return added;
                    outcome.changed = true;
                    // The newcomer's own view: their unread count, not the caller's.
                    Result<std::optional<Conversation>> theirs =
                        s.conversations().findForViewer(conversationId, newcomer);
                    if (!theirs)
                        return theirs.error();
                    outcome.forNewMember = std::move(theirs).value();
                    return {};
                });
        });
    Result<GroupChange> change = co_await changeTask;
    if (!change)
        co_return ApiResponse::error(change.error());
    if (!change->forCaller)
        co_return ApiResponse::error(conversationNotFound());
    Conversation &conversation = *change->forCaller;
    applyPresence(m_context.hub, conversation);
    if (change->forNewMember) {
        // Typing relays read a cached participant list; membership changed, so refresh it now.
        m_context.hub.invalidateConversation(conversationId);
        // The newcomer learns of the conversation before anything happens in it.
        Conversation &theirs = *change->forNewMember;
        applyPresence(m_context.hub, theirs);
        m_context.hub.sendToUsers({newcomer}, ConversationCreatedEvent {theirs}.toEnvelope());
        for (const Participant &participant : std::as_const(theirs.participants)) {
            if (participant.user.id == newcomer)
                m_context.hub.sendToUsers(change->participantIds,
                    ParticipantAddedEvent {conversationId, participant.user, participant.role}
                        .toEnvelope());
        }
    }
    co_return ApiResponse::json(200, conversation.toJson());
}

QCoro::Task<ApiResponse> GroupApi::removeParticipant(ApiRequest request)
{
    const qint64 me = request.userId;
    const qint64 conversationId = request.ids.at(0);
    const qint64 target = request.ids.at(1);
    auto changeTask = m_context.database.run<GroupChange>(
        [conversationId, me, target](Storage &storage) -> Result<GroupChange> {
            return changeGroup(storage, conversationId, me,
                [conversationId, me, target](
                    Storage &s, const GroupAccess &access, GroupChange &outcome) -> Result<void> {
                    // Anyone may leave; only admins remove others.
                    if (target != me && access.actorRole != ParticipantRole::Admin)
                        return notAdmin();
                    Result<std::optional<ParticipantRole>> role =
                        s.groups().roleOf(conversationId, target);
                    if (!role)
                        return role.error();
                    if (!role->has_value())
                        return participantNotFound();
                    if (Result<void> removed = s.groups().remove(conversationId, target); !removed)
                        return removed;
                    outcome.changed = true;
                    Result<qint64> left = s.groups().participantCount(conversationId);
                    if (!left)
                        return left.error();
                    if (*left == 0) {
                        outcome.deleted = true;
                        return s.groups().deleteConversation(conversationId);
                    }
                    Result<std::optional<qint64>> successor =
                        s.groups().promoteSuccessorIfNoAdmin(conversationId);
                    if (!successor)
                        return successor.error();
                    if (!successor->has_value())
                        return {};
                    // Read here, not as the caller: a leaving caller no longer sees the group.
                    Result<std::optional<Conversation>> updated =
                        s.conversations().findForViewer(conversationId, **successor);
                    if (!updated)
                        return updated.error();
                    outcome.afterSuccession = std::move(updated).value();
                    return {};
                });
        });
    Result<GroupChange> change = co_await changeTask;
    if (!change)
        co_return ApiResponse::error(change.error());
    m_context.hub.invalidateConversation(conversationId);
    // The removed user's devices hear of it too, so that each of them drops the group.
    QList<qint64> told = change->participantIds;
    told.append(target);
    m_context.hub.sendToUsers(told, ParticipantRemovedEvent {conversationId, target}.toEnvelope());
    if (change->afterSuccession) {
        Conversation updated = sharedView(*change->afterSuccession);
        applyPresence(m_context.hub, updated);
        m_context.hub.sendToUsers(
            change->participantIds, ConversationUpdatedEvent {updated}.toEnvelope());
    }
    co_return ApiResponse::noContent();
}

QCoro::Task<ApiResponse> GroupApi::changeRole(ApiRequest request)
{
    Result<UpdateParticipantRequest> body = parseBody<UpdateParticipantRequest>(request);
    if (!body)
        co_return ApiResponse::error(body.error());
    const std::optional<ParticipantRole> wanted = roleFromString(body->role);
    if (!wanted)
        co_return ApiResponse::error(badRequest(
            QStringLiteral("invalid_role"), QStringLiteral("A role is \"admin\" or \"member\".")));
    const ParticipantRole role = *wanted;
    const qint64 me = request.userId;
    const qint64 conversationId = request.ids.at(0);
    const qint64 target = request.ids.at(1);
    auto changeTask = m_context.database.run<GroupChange>(
        [conversationId, me, target, role](Storage &storage) -> Result<GroupChange> {
            return changeGroup(storage, conversationId, me,
                [conversationId, target, role](
                    Storage &s, const GroupAccess &access, GroupChange &outcome) -> Result<void> {
                    if (access.actorRole != ParticipantRole::Admin)
                        return notAdmin();
                    Result<std::optional<ParticipantRole>> current =
                        s.groups().roleOf(conversationId, target);
                    if (!current)
                        return current.error();
                    if (!current->has_value())
                        return participantNotFound();
                    if (**current == role)
                        return {};
                    if (role == ParticipantRole::Member) {
                        Result<qint64> admins = s.groups().adminCount(conversationId);
                        if (!admins)
                            return admins.error();
                        if (*admins <= 1)
                            return conflict(QStringLiteral("last_admin"),
                                QStringLiteral("A group keeps at least one admin: make someone "
                                               "else admin first."));
                    }
                    outcome.changed = true;
                    return s.groups().setRole(conversationId, target, role);
                });
        });
    Result<GroupChange> change = co_await changeTask;
    if (!change)
        co_return ApiResponse::error(change.error());
    if (!change->forCaller)
        co_return ApiResponse::error(conversationNotFound());
    Conversation &conversation = *change->forCaller;
    applyPresence(m_context.hub, conversation);
    if (change->changed)
        m_context.hub.sendToUsers(change->participantIds,
            ConversationUpdatedEvent {sharedView(conversation)}.toEnvelope());
    co_return ApiResponse::json(200, conversation.toJson());
}

QCoro::Task<ApiResponse> GroupApi::rename(ApiRequest request)
{
    Result<UpdateConversationRequest> body = parseBody<UpdateConversationRequest>(request);
    if (!body)
        co_return ApiResponse::error(body.error());
    const QString title = body->title.trimmed();
    const qsizetype length = characterCount(title);
    if (length < 1 || length > ConversationApi::kMaxTitleLength)
        co_return ApiResponse::error(badRequest(QStringLiteral("invalid_title"),
            QStringLiteral("A group's title has 1 to %1 characters.")
                .arg(ConversationApi::kMaxTitleLength)));
    const qint64 me = request.userId;
    const qint64 conversationId = request.ids.at(0);
    auto changeTask = m_context.database.run<GroupChange>(
        [conversationId, me, title](Storage &storage) -> Result<GroupChange> {
            return changeGroup(storage, conversationId, me,
                [conversationId, title](
                    Storage &s, const GroupAccess &access, GroupChange &outcome) -> Result<void> {
                    if (access.actorRole != ParticipantRole::Admin)
                        return notAdmin();
                    if (access.title == title)
                        return {};
                    outcome.changed = true;
                    return s.groups().setTitle(conversationId, title);
                });
        });
    Result<GroupChange> change = co_await changeTask;
    if (!change)
        co_return ApiResponse::error(change.error());
    if (!change->forCaller)
        co_return ApiResponse::error(conversationNotFound());
    Conversation &conversation = *change->forCaller;
    applyPresence(m_context.hub, conversation);
    if (change->changed)
        m_context.hub.sendToUsers(change->participantIds,
            ConversationUpdatedEvent {sharedView(conversation)}.toEnvelope());
    co_return ApiResponse::json(200, conversation.toJson());
}

} // namespace Confab::Server
