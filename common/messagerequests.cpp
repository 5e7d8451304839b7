#include "common/messagerequests.h"

#include "common/jsonreader.h"

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

} // namespace Confab
