#include "server/core/api/messagemanagementapi.h"

#include "server/core/api/conversationapi.h"
#include "server/core/api/messageapi.h"
#include "server/core/api/requestparsing.h"
#include "server/core/realtime/realtimehub.h"
#include "server/core/storage/database.h"

#include "common/events.h"
#include "common/messagerequests.h"
#include "common/textlength.h"
#include "common/timeformat.h"

namespace Confab::Server {

void MessageManagementApi::registerRoutes(Router &router)
{
    using M = QHttpServerRequest::Method;
    const auto auth = Router::Access::Authenticated;
    router.add(M::Put, QStringLiteral("/api/messages/:id"), auth,
        [this](ApiRequest r) { return edit(std::move(r)); });
    router.add(M::Delete, QStringLiteral("/api/messages/:id"), auth,
        [this](ApiRequest r) { return remove(std::move(r)); });
    router.add(M::Get, QStringLiteral("/api/conversations/:id/changes"), auth,
        [this](ApiRequest r) { return changes(std::move(r)); });
    router.add(M::Post, QStringLiteral("/api/conversations/:id/read"), auth,
        [this](ApiRequest r) { return markRead(std::move(r)); });
}

QCoro::Task<ApiResponse> MessageManagementApi::edit(ApiRequest request)
{
    Result<EditMessageRequest> body = parseBody<EditMessageRequest>(request);
    if (!body)
        co_return ApiResponse::error(body.error());
    // The same rules as sending, so an edit can never make a message a send would refuse.
    const QString content = body->content.trimmed();
    const qsizetype length = characterCount(content);
    if (length < 1 || length > MessageApi::kMaxContentLength)
        co_return ApiResponse::error(badRequest(QStringLiteral("invalid_content"),
            QStringLiteral("A message has 1 to %1 characters.")
                .arg(MessageApi::kMaxContentLength)));

    const qint64 me = request.userId;
    const qint64 messageId = request.ids.at(0);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto outcomeTask = m_context.database.run<MessageChangeOutcome>(
        [messageId, me, content, now](Storage &storage) -> Result<MessageChangeOutcome> {
            return storage.messageChanges().edit(messageId, me, content, now);
        });
    Result<MessageChangeOutcome> outcome = co_await outcomeTask;
    if (!outcome)
        co_return ApiResponse::error(outcome.error());
    m_context.hub.sendToUsers(
        outcome->participantIds, MessageUpdatedEvent {outcome->message}.toEnvelope());
    co_return ApiResponse::json(200, outcome->message.toJson());
}

QCoro::Task<ApiResponse> MessageManagementApi::remove(ApiRequest request)
{
    const qint64 me = request.userId;
    const qint64 messageId = request.ids.at(0);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto outcomeTask = m_context.database.run<MessageChangeOutcome>(
        [messageId, me, now](Storage &storage) -> Result<MessageChangeOutcome> {
            return storage.messageChanges().erase(messageId, me, now);
        });
    Result<MessageChangeOutcome> outcome = co_await outcomeTask;
    if (!outcome)
        co_return ApiResponse::error(outcome.error());
    // Deleting an already deleted message succeeds quietly: a retry after a lost answer must
    // not look like a failure, and the participants heard of the deletion the first time.
    if (outcome->changed) {
        const Message &message = outcome->message;
        m_context.hub.sendToUsers(outcome->participantIds,
            MessageDeletedEvent {message.conversationId, message.id, message.deletedAt}
                .toEnvelope());
    }
    co_return ApiResponse::noContent();
}

QCoro::Task<ApiResponse> MessageManagementApi::changes(ApiRequest request)
{
    Result<qint64> limit = queryInteger(request, QStringLiteral("limit"), kDefaultChangesPageSize,
        1, kMaxChangesPageSize, QStringLiteral("invalid_limit"));
    if (!limit)
        co_return ApiResponse::error(limit.error());
    const QDateTime since =
        parseTimestamp(request.query.queryItemValue(QStringLiteral("since"), QUrl::FullyDecoded));
    if (!since.isValid())
        co_return ApiResponse::error(badRequest(QStringLiteral("invalid_since"),
            QStringLiteral("\"since\" must be a UTC time such as 2026-11-24T10:00:00.123Z.")));

    const qint64 me = request.userId;
    const qint64 conversationId = request.ids.at(0);
    const int pageSize = int(*limit);
    auto changesTask = m_context.database.read<MessageChanges>(
        [conversationId, me, since, pageSize](Storage &storage) -> Result<MessageChanges> {
            Result<bool> member = storage.conversations().isParticipant(conversationId, me);
            if (!member)
                return member.error();
            if (!*member)
                return conversationNotFound();
            return storage.messageChanges().changesSince(conversationId, since, pageSize);
        });
    Result<MessageChanges> page = co_await changesTask;
    if (!page)
        co_return ApiResponse::error(page.error());
    co_return ApiResponse::json(200, page->toJson());
}

QCoro::Task<ApiResponse> MessageManagementApi::markRead(ApiRequest request)
{
    Result<MarkReadRequest> body = parseBody<MarkReadRequest>(request);
    if (!body)
        co_return ApiResponse::error(body.error());
    const qint64 me = request.userId;
    const qint64 conversationId = request.ids.at(0);
    const qint64 messageId = body->messageId;
    auto outcomeTask = m_context.database.run<ReadOutcome>(
        [conversationId, me, messageId](Storage &storage) -> Result<ReadOutcome> {
            // Membership first: an outsider must not learn which message ids a conversation has.
            Result<bool> member = storage.conversations().isParticipant(conversationId, me);
            if (!member)
                return member.error();
            if (!*member)
                return conversationNotFound();
            return storage.messageChanges().markRead(conversationId, me, messageId);
        });
    Result<ReadOutcome> outcome = co_await outcomeTask;
    if (!outcome)
        co_return ApiResponse::error(outcome.error());
    const ReadEvent marker {conversationId, me, outcome->messageId};
    if (outcome->changed)
        m_context.hub.sendToUsers(outcome->participantIds, marker.toEnvelope());
    co_return ApiResponse::json(200, marker.toJson());
}

} // namespace Confab::Server
