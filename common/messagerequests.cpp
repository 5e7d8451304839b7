#include "common/messagerequests.h"

#include "common/jsonreader.h"
#include "common/timeformat.h"

#include <QJsonArray>

namespace Confab {

QJsonObject SendMessageRequest::toJson() const
{
    QJsonObject json {{QStringLiteral("content"), content}};
    if (clientMessageId)
        json.insert(QStringLiteral("clientMessageId"), *clientMessageId);
    return json;
}

Result<SendMessageRequest> SendMessageRequest::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    SendMessageRequest request;
    request.content = reader.requiredString(QStringLiteral("content"));
    request.clientMessageId = reader.nullableString(QStringLiteral("clientMessageId"));
    if (!reader.ok())
        return *reader.error();
    return request;
}

QJsonObject MessagePage::toJson() const
{
    QJsonArray array;
    for (const Message &message : messages)
        array.append(message.toJson());
    return QJsonObject {{QStringLiteral("messages"), array}, {QStringLiteral("hasMore"), hasMore}};
}

Result<MessagePage> MessagePage::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    const QJsonArray array = reader.requiredArray(QStringLiteral("messages"));
    MessagePage page;
    page.hasMore = reader.optionalBool(QStringLiteral("hasMore"), false);
    if (!reader.ok())
        return *reader.error();
    for (const QJsonValue &item : array) {
        Result<Message> message = Message::fromJson(item.toObject());
        if (!message)
            return message.error();
        page.messages.append(std::move(message).value());
    }
    return page;
}

QJsonObject EditMessageRequest::toJson() const
{
    return QJsonObject {{QStringLiteral("content"), content}};
}

Result<EditMessageRequest> EditMessageRequest::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    EditMessageRequest request;
    request.content = reader.requiredString(QStringLiteral("content"));
    if (!reader.ok())
        return *reader.error();
    return request;
}

QJsonObject MarkReadRequest::toJson() const
{
    return QJsonObject {{QStringLiteral("messageId"), messageId}};
}

Result<MarkReadRequest> MarkReadRequest::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    MarkReadRequest request;
    request.messageId = reader.requiredId(QStringLiteral("messageId"));
    if (!reader.ok())
        return *reader.error();
    return request;
}

QJsonObject MessageChanges::toJson() const
{
    QJsonArray array;
    for (const Message &message : messages)
        array.append(message.toJson());
    return QJsonObject {{QStringLiteral("messages"), array}, {QStringLiteral("hasMore"), hasMore},
        {QStringLiteral("nextSince"), formatTimestamp(nextSince)}};
}

Result<MessageChanges> MessageChanges::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    const QJsonArray array = reader.requiredArray(QStringLiteral("messages"));
    MessageChanges changes;
    changes.hasMore = reader.optionalBool(QStringLiteral("hasMore"), false);
    changes.nextSince = parseTimestamp(reader.requiredString(QStringLiteral("nextSince")));
    if (!reader.ok())
        return *reader.error();
    if (!changes.nextSince.isValid())
        return badRequest(QStringLiteral("invalid_field"),
            QStringLiteral("The field \"nextSince\" must be a timestamp."));
    for (const QJsonValue &item : array) {
        Result<Message> message = Message::fromJson(item.toObject());
        if (!message)
            return message.error();
        changes.messages.append(std::move(message).value());
    }
    return changes;
}

} // namespace Confab
