#include "common/message.h"

#include "common/jsonreader.h"
#include "common/jsonwriter.h"
#include "common/timeformat.h"

namespace Confab {

QJsonObject Message::toJson() const
{
    return QJsonObject {
        {QStringLiteral("id"), id},
        {QStringLiteral("conversationId"), conversationId},
        {QStringLiteral("senderId"), senderId},
        {QStringLiteral("content"), content},
        {QStringLiteral("clientMessageId"),
            clientMessageId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(clientMessageId)},
        {QStringLiteral("createdAt"), timestampOrNull(createdAt)},
        {QStringLiteral("editedAt"), timestampOrNull(editedAt)},
        {QStringLiteral("deletedAt"), timestampOrNull(deletedAt)},
    };
}

void Message::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writer.key(QLatin1StringView("id")).value(id);
    writer.key(QLatin1StringView("conversationId")).value(conversationId);
    writer.key(QLatin1StringView("senderId")).value(senderId);
    writer.key(QLatin1StringView("content")).value(content);
    writer.key(QLatin1StringView("clientMessageId")).stringOrNull(clientMessageId);
    writer.key(QLatin1StringView("createdAt")).timestamp(createdAt);
    writer.key(QLatin1StringView("editedAt")).timestamp(editedAt);
    writer.key(QLatin1StringView("deletedAt")).timestamp(deletedAt);
    writer.endObject();
}

Result<Message> Message::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    Message message;
    message.id = reader.requiredId(QStringLiteral("id"));
    message.conversationId = reader.requiredId(QStringLiteral("conversationId"));
    message.senderId = reader.requiredId(QStringLiteral("senderId"));
    message.content = reader.optionalString(QStringLiteral("content")).value_or(QString());
    message.clientMessageId =
        reader.nullableString(QStringLiteral("clientMessageId")).value_or(QString());
    message.createdAt = parseTimestamp(reader.requiredString(QStringLiteral("createdAt")));
    message.editedAt =
        parseTimestamp(reader.nullableString(QStringLiteral("editedAt")).value_or(QString()));
    message.deletedAt =
        parseTimestamp(reader.nullableString(QStringLiteral("deletedAt")).value_or(QString()));
    if (!reader.ok())
        return *reader.error();
    if (!message.createdAt.isValid())
        return badRequest(QStringLiteral("invalid_field"),
            QStringLiteral("The field \"createdAt\" must be an ISO-8601 UTC time."));
    return message;
}

} // namespace Confab
