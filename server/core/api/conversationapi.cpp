#include "server/core/api/conversationapi.h"

#include "server/core/api/conversationlistbody.h"
#include "server/core/api/presence.h"
#include "server/core/api/requestparsing.h"
#include "server/core/realtime/realtimehub.h"
#include "server/core/storage/database.h"

#include "common/conversationrequests.h"
#include "common/events.h"
#include "common/textlength.h"

#include <QJsonArray>

namespace Confab::Server {

void ConversationApi::registerRoutes(Router &router)
{
    using M = QHttpServerRequest::Method;
    const auto auth = Router::Access::Authenticated;
    router.add(M::Get, QStringLiteral("/api/conversations"), auth,
        [this](ApiRequest r) { return list(std::move(r)); });
    router.add(M::Post, QStringLiteral("/api/conversations"), auth,
        [this](ApiRequest r) { return create(std::move(r)); });
    router.add(M::Get, QStringLiteral("/api/conversations/:id"), auth,
        [this](ApiRequest r) { return get(std::move(r)); });
}

QCoro::Task<ApiResponse> ConversationApi::list(ApiRequest request)
{
    const qint64 me = request.userId;
    auto conversationsTask = m_context.database.read<QList<Conversation>>(
        [me](Storage &storage) { return storage.conversations().listForViewer(me); });
    Result<QList<Conversation>> conversations = co_await conversationsTask;
    if (!conversations)
        co_return ApiResponse::error(conversations.error());
    for (Conversation &conversation : *conversations)
        applyPresence(m_context.hub, conversation);
    auto bodyTask = ConversationListBody::write(std::move(conversations).value());
    QByteArray body = co_await bodyTask;
    co_return ApiResponse::jsonBody(200, std::move(body));
}

QCoro::Task<ApiResponse> ConversationApi::create(ApiRequest request)
{
    Result<CreateConversationRequest> body = parseBody<CreateConversationRequest>(request);
    if (!body)
        co_return ApiResponse::error(body.error());
    const qint64 me = request.userId;
    QList<qint64> others;
    for (qint64 id : body->participantIds) {
        if (id != me && !others.contains(id))
            others.append(id);
    }
    if (others.isEmpty())
        co_return ApiResponse::error(badRequest(QStringLiteral("invalid_participants"),
            QStringLiteral("Name at least one other person.")));
    if (others.size() + 1 > kMaxParticipants)
        co_return ApiResponse::error(badRequest(QStringLiteral("invalid_participants"),
            QStringLiteral("A group has at most %1 participants.").arg(kMaxParticipants)));
    const bool direct = others.size() == 1 && !body->title.has_value();
    const QString title = body->title.value_or(QString()).trimmed();
    if (!direct && (title.isEmpty() || characterCount(title) > kMaxTitleLength))
        co_return ApiResponse::error(badRequest(QStringLiteral("invalid_title"),
            QStringLiteral("A group needs a title of 1 to %1 characters.").arg(kMaxTitleLength)));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto outcomeTask = m_context.database.run<CreateOutcome>(
        [me, others, direct, title, now](Storage &storage) -> Result<CreateOutcome> {
            Result<QList<User>> known = storage.users().findByIds(others);
            if (!known)
                return known.error();
            if (known->size() != others.size())
                return badRequest(QStringLiteral("unknown_user"),
                    QStringLiteral("Some of these people have no account here."));
            if (direct)
                return storage.conversations().findOrCreateDirect(me, others.first(), now);
            return storage.conversations().createGroup(me, title, others, now);
        });
    Result<CreateOutcome> outcome = co_await outcomeTask;
    if (!outcome)
        co_return ApiResponse::error(outcome.error());
    Conversation &conversation = outcome->conversation;
    applyPresence(m_context.hub, conversation);
    if (outcome->created) {
        QList<qint64> everyone;
        for (const Participant &participant : std::as_const(conversation.participants))
            everyone.append(participant.user.id);
        m_context.hub.sendToUsers(everyone, ConversationCreatedEvent {conversation}.toEnvelope());
    }
    co_return ApiResponse::json(outcome->created ? 201 : 200, conversation.toJson());
}

QCoro::Task<ApiResponse> ConversationApi::get(ApiRequest request)
{
    const qint64 me = request.userId;
    const qint64 id = request.ids.at(0);
    auto conversationTask = m_context.database.read<std::optional<Conversation>>(
        [id, me](Storage &storage) { return storage.conversations().findForViewer(id, me); });
    Result<std::optional<Conversation>> conversation = co_await conversationTask;
    if (!conversation)
        co_return ApiResponse::error(conversation.error());
    if (!conversation->has_value())
        co_return ApiResponse::error(conversationNotFound());
    applyPresence(m_context.hub, **conversation);
    co_return ApiResponse::json(200, (*conversation)->toJson());
}

} // namespace Confab::Server
