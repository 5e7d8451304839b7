#include "server/core/api/messageapi.h"

#include "server/core/api/conversationapi.h"
#include "server/core/api/requestparsing.h"
#include "server/core/realtime/realtimehub.h"
#include "server/core/storage/database.h"
#include "server/core/storage/messagewriter.h"

#include "common/events.h"
#include "common/messagerequests.h"
#include "common/textlength.h"

namespace Confab::Server {

MessageApi::MessageApi(ServerContext context)
    : m_context(context)
{
    RealtimeHub *hub = &m_context.hub;
    QObject::connect(
        &m_context.messageWriter, &MessageWriter::stored, hub, [hub](const SendOutcome &outcome) {
            hub->sendToUsers(
                outcome.participantIds, MessageCreatedEvent {outcome.message}.toEnvelope());
        });
}

void MessageApi::registerRoutes(Router &router)
{
    using M = QHttpServerRequest::Method;
    const auto auth = Router::Access::Authenticated;
    router.add(M::Post, QStringLiteral("/api/conversations/:id/messages"), auth,
        [this](ApiRequest r) { return send(std::move(r)); });
    router.add(M::Get, QStringLiteral("/api/conversations/:id/messages"), auth,
        [this](ApiRequest r) { return page(std::move(r)); });
}

QCoro::Task<ApiResponse> MessageApi::send(ApiRequest request)
{
    Result<SendMessageRequest> body = parseBody<SendMessageRequest>(request);
    if (!body)
        co_return ApiResponse::error(body.error());
    const QString content = body->content.trimmed();
    // Limits count characters as people see them (code points), not UTF-16 units.
    const qsizetype length = characterCount(content);
    if (length < 1 || length > kMaxContentLength)
        co_return ApiResponse::error(badRequest(QStringLiteral("invalid_content"),
            QStringLiteral("A message has 1 to %1 characters.").arg(kMaxContentLength)));
    const QString clientMessageId = body->clientMessageId.value_or(QString());
    if (body->clientMessageId
        && (clientMessageId.isEmpty()
            || characterCount(clientMessageId) > kMaxClientMessageIdLength))
        co_return ApiResponse::error(badRequest(QStringLiteral("invalid_client_message_id"),
            QStringLiteral("clientMessageId has 1 to %1 characters.")
                .arg(kMaxClientMessageIdLength)));

    // Membership and clientMessageId reuse are checked in the writer's transaction; the answer
    // comes once that transaction has committed, and the participants hear of a new message
    // (stored(), connected in the constructor) just before.
    QFuture<Result<SendOutcome>> stored = m_context.messageWriter.send(NewMessage(request.ids.at(0),
        request.userId, content, clientMessageId, QDateTime::currentDateTimeUtc()));
    Result<SendOutcome> outcome = co_await stored;
    if (!outcome)
        co_return ApiResponse::error(outcome.error());
    co_return ApiResponse::json(outcome->created ? 201 : 200, outcome->message.toJson());
}

QCoro::Task<ApiResponse> MessageApi::page(ApiRequest request)
{
    Result<qint64> limit = queryInteger(request, QStringLiteral("limit"), kDefaultPageSize, 1,
        kMaxPageSize, QStringLiteral("invalid_limit"));
    if (!limit)
        co_return ApiResponse::error(limit.error());
    const bool hasBefore = request.query.hasQueryItem(QStringLiteral("before"));
    const bool hasAfter = request.query.hasQueryItem(QStringLiteral("after"));
    if (hasBefore && hasAfter)
        co_return ApiResponse::error(badRequest(QStringLiteral("invalid_query"),
            QStringLiteral("Use either before or after, not both.")));
    const QString cursorName = hasAfter ? QStringLiteral("after") : QStringLiteral("before");
    Result<qint64> cursor = queryInteger(request, cursorName, 0, 1,
        std::numeric_limits<qint64>::max(), QStringLiteral("invalid_cursor"));
    if (!cursor)
        co_return ApiResponse::error(cursor.error());

    const qint64 me = request.userId;
    const qint64 conversationId = request.ids.at(0);
    const int pageSize = int(*limit);
    const qint64 from = *cursor;
    auto pageTask = m_context.database.read<MessagePage>(
        [conversationId, me, pageSize, from, hasAfter](Storage &storage) -> Result<MessagePage> {
            Result<bool> member = storage.conversations().isParticipant(conversationId, me);
            if (!member)
                return member.error();
            if (!*member)
                return conversationNotFound();
            if (hasAfter)
                return storage.messages().pageAfter(conversationId, from, pageSize);
            return storage.messages().pageBefore(conversationId, from, pageSize);
        });
    Result<MessagePage> page = co_await pageTask;
    if (!page)
        co_return ApiResponse::error(page.error());
    co_return ApiResponse::json(200, page->toJson());
}

} // namespace Confab::Server
