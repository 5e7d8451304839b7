#include "common/conversation.h"

#include "common/jsonreader.h"
#include "common/jsonwriter.h"
#include "common/timeformat.h"

#include <QJsonArray>

namespace Confab {

QJsonObject Conversation::toJson() const
{
    QJsonArray participantArray;
    for (const Participant &participant : participants)
        participantArray.append(participant.toJson());
    return QJsonObject {
        {QStringLiteral("id"), id},
        {QStringLiteral("type"),
            type == ConversationType::Group ? QStringLiteral("group") : QStringLiteral("direct")},
        {QStringLiteral("title"),
            type == ConversationType::Group ? QJsonValue(title) : QJsonValue()},
        {QStringLiteral("participants"), participantArray},
        {QStringLiteral("lastMessage"),
            lastMessage ? QJsonValue(lastMessage->toJson()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("unreadCount"), unreadCount},
        {QStringLiteral("createdAt"), timestampOrNull(createdAt)},
        {QStringLiteral("updatedAt"), timestampOrNull(updatedAt)},
    };
}

void Conversation::writeJson(JsonWriter &writer) const
{
    const bool group = type == ConversationType::Group;
    writer.beginObject();
    writer.key(QLatin1StringView("id")).value(id);
    writer.key(QLatin1StringView("type"))
        .value(group ? QLatin1StringView("group") : QLatin1StringView("direct"));
    writer.key(QLatin1StringView("title"));
    if (group)
        writer.value(title);
    else
        writer.null();
    writer.key(QLatin1StringView("participants"));
    writer.beginArray();
    for (const Participant &participant : participants)
        participant.writeJson(writer);
    writer.endArray();
    writer.key(QLatin1StringView("lastMessage"));
    if (lastMessage)
        lastMessage->writeJson(writer);
    else
        writer.null();
    writer.key(QLatin1StringView("unreadCount")).value(unreadCount);
    writer.key(QLatin1StringView("createdAt")).timestamp(createdAt);
    writer.key(QLatin1StringView("updatedAt")).timestamp(updatedAt);
    writer.endObject();
}

Result<Conversation> Conversation::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    Conversation conversation;
    conversation.id = reader.requiredId(QStringLiteral("id"));
    const QString type = reader.requiredString(QStringLiteral("type"));
    conversation.title = reader.nullableString(QStringLiteral("title")).value_or(QString());
    const QJsonArray participantArray = reader.requiredArray(QStringLiteral("participants"));
    const auto lastMessage = reader.optionalObject(QStringLiteral("lastMessage"));
    conversation.unreadCount = int(reader.optionalInteger(QStringLiteral("unreadCount"), 0));
    conversation.createdAt =
        parseTimestamp(reader.optionalString(QStringLiteral("createdAt")).value_or(QString()));
    conversation.updatedAt =
        parseTimestamp(reader.optionalString(QStringLiteral("updatedAt")).value_or(QString()));
    if (!reader.ok())
        return *reader.error();
    if (type == QLatin1String("group"))
        conversation.type = ConversationType::Group;
    else if (type == QLatin1String("direct"))
        conversation.type = ConversationType::Direct;
    else
        return badRequest(QStringLiteral("invalid_field"),
            QStringLiteral("The field \"type\" must be \"direct\" or \"group\"."));
    for (const QJsonValue &item : participantArray) {
        Result<Participant> participant = Participant::fromJson(item.toObject());
        if (!participant)
            return participant.error();
        conversation.participants.append(std::move(participant).value());
    }
    if (lastMessage) {
        Result<Message> message = Message::fromJson(*lastMessage);
        if (!message)
            return message.error();
        conversation.lastMessage = std::move(message).value();
    }
    return conversation;
}

} // namespace Confab
