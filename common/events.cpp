#include "common/events.h"

#include "common/jsonreader.h"
#include "common/timeformat.h"

#include <QJsonDocument>

namespace Confab {

QByteArray Envelope::encode() const
{
    return QJsonDocument(
        QJsonObject {{QStringLiteral("type"), type}, {QStringLiteral("payload"), payload}})
        .toJson(QJsonDocument::Compact);
}

Result<Envelope> Envelope::decode(const QByteArray &text)
{
    Result<QJsonObject> object = parseJsonObject(text);
    if (!object)
        return object.error();
    JsonReader reader(*object);
    Envelope envelope;
    envelope.type = reader.requiredString(QStringLiteral("type"));
    envelope.payload = reader.optionalObject(QStringLiteral("payload")).value_or(QJsonObject());
    if (!reader.ok())
        return *reader.error();
    return envelope;
}

Envelope AuthFrame::toEnvelope() const
{
    return {EventType::Auth, QJsonObject {{QStringLiteral("token"), token}}};
}

Result<AuthFrame> AuthFrame::fromPayload(const QJsonObject &payload)
{
    JsonReader reader(payload);
    AuthFrame frame {reader.requiredString(QStringLiteral("token"))};
    if (!reader.ok())
        return *reader.error();
    return frame;
}

Envelope ReadyEvent::toEnvelope() const
{
    QJsonArray online;
    for (qint64 id : onlineUserIds)
        online.append(id);
    return {EventType::Ready,
        QJsonObject {
            {QStringLiteral("user"), user.toJson()}, {QStringLiteral("onlineUserIds"), online}}};
}

Result<ReadyEvent> ReadyEvent::fromPayload(const QJsonObject &payload)
{
    JsonReader reader(payload);
    const QJsonObject userJson = reader.requiredObject(QStringLiteral("user"));
    QList<qint64> online;
    if (payload.contains(QStringLiteral("onlineUserIds")))
        online = reader.requiredIdList(QStringLiteral("onlineUserIds"));
    if (!reader.ok())
        return *reader.error();
    Result<User> user = User::fromJson(userJson);
    if (!user)
        return user.error();
    return ReadyEvent {std::move(user).value(), std::move(online)};
}

Envelope MessageCreatedEvent::toEnvelope() const
{
    return {EventType::MessageCreated, QJsonObject {{QStringLiteral("message"), message.toJson()}}};
}

Result<MessageCreatedEvent> MessageCreatedEvent::fromPayload(const QJsonObject &payload)
{
    JsonReader reader(payload);
    const QJsonObject json = reader.requiredObject(QStringLiteral("message"));
    if (!reader.ok())
        return *reader.error();
    Result<Message> message = Message::fromJson(json);
    if (!message)
        return message.error();
    return MessageCreatedEvent {std::move(message).value()};
}

Envelope ConversationCreatedEvent::toEnvelope() const
{
    return {EventType::ConversationCreated,
        QJsonObject {{QStringLiteral("conversation"), conversation.toJson()}}};
}

Result<ConversationCreatedEvent> ConversationCreatedEvent::fromPayload(const QJsonObject &payload)
{
    JsonReader reader(payload);
    const QJsonObject json = reader.requiredObject(QStringLiteral("conversation"));
    if (!reader.ok())
        return *reader.error();
    Result<Conversation> conversation = Conversation::fromJson(json);
    if (!conversation)
        return conversation.error();
    return ConversationCreatedEvent {std::move(conversation).value()};
}

Envelope MessageUpdatedEvent::toEnvelope() const
{
    return {EventType::MessageUpdated, QJsonObject {{QStringLiteral("message"), message.toJson()}}};
}

Result<MessageUpdatedEvent> MessageUpdatedEvent::fromPayload(const QJsonObject &payload)
{
    JsonReader reader(payload);
    const QJsonObject json = reader.requiredObject(QStringLiteral("message"));
    if (!reader.ok())
        return *reader.error();
    Result<Message> message = Message::fromJson(json);
    if (!message)
        return message.error();
    return MessageUpdatedEvent {std::move(message).value()};
}

Envelope MessageDeletedEvent::toEnvelope() const
{
    return {EventType::MessageDeleted,
        QJsonObject {{QStringLiteral("conversationId"), conversationId},
            {QStringLiteral("messageId"), messageId},
            {QStringLiteral("deletedAt"), formatTimestamp(deletedAt)}}};
}

Result<MessageDeletedEvent> MessageDeletedEvent::fromPayload(const QJsonObject &payload)
{
    JsonReader reader(payload);
    MessageDeletedEvent event;
    event.conversationId = reader.requiredId(QStringLiteral("conversationId"));
    event.messageId = reader.requiredId(QStringLiteral("messageId"));
    event.deletedAt = parseTimestamp(reader.requiredString(QStringLiteral("deletedAt")));
    if (!reader.ok())
        return *reader.error();
    if (!event.deletedAt.isValid())
        return badRequest(QStringLiteral("invalid_field"),
            QStringLiteral("The field \"deletedAt\" must be a timestamp."));
    return event;
}

QJsonObject ReadEvent::toJson() const
{
    return QJsonObject {{QStringLiteral("conversationId"), conversationId},
        {QStringLiteral("userId"), userId}, {QStringLiteral("messageId"), messageId}};
}

Envelope ReadEvent::toEnvelope() const
{
    return {EventType::Read, toJson()};
}

Result<ReadEvent> ReadEvent::fromPayload(const QJsonObject &payload)
{
    JsonReader reader(payload);
    ReadEvent event;
    event.conversationId = reader.requiredId(QStringLiteral("conversationId"));
    event.userId = reader.requiredId(QStringLiteral("userId"));
    event.messageId = reader.requiredId(QStringLiteral("messageId"));
    if (!reader.ok())
        return *reader.error();
    return event;
}

Envelope ErrorEvent::toEnvelope() const
{
    return {EventType::Error,
        QJsonObject {{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}};
}

Result<ErrorEvent> ErrorEvent::fromPayload(const QJsonObject &payload)
{
    JsonReader reader(payload);
    ErrorEvent event;
    event.code = reader.requiredString(QStringLiteral("code"));
    event.message = reader.requiredString(QStringLiteral("message"));
    if (!reader.ok())
        return *reader.error();
    return event;
}

Envelope ParticipantAddedEvent::toEnvelope() const
{
    return {EventType::ParticipantAdded,
        QJsonObject {{QStringLiteral("conversationId"), conversationId},
            {QStringLiteral("user"), user.toJson()}, {QStringLiteral("role"), roleToString(role)}}};
}

Result<ParticipantAddedEvent> ParticipantAddedEvent::fromPayload(const QJsonObject &payload)
{
    JsonReader reader(payload);
    const qint64 conversationId = reader.requiredId(QStringLiteral("conversationId"));
    const QJsonObject userJson = reader.requiredObject(QStringLiteral("user"));
    const QString roleText = reader.requiredString(QStringLiteral("role"));
    if (!reader.ok())
        return *reader.error();
    Result<User> user = User::fromJson(userJson);
    if (!user)
        return user.error();
    const std::optional<ParticipantRole> role = roleFromString(roleText);
    if (!role)
        return badRequest(
            QStringLiteral("invalid_field"), QStringLiteral("role is \"admin\" or \"member\"."));
    return ParticipantAddedEvent {conversationId, std::move(user).value(), *role};
}

Envelope ParticipantRemovedEvent::toEnvelope() const
{
    return {EventType::ParticipantRemoved,
        QJsonObject {{QStringLiteral("conversationId"), conversationId},
            {QStringLiteral("userId"), userId}}};
}

Result<ParticipantRemovedEvent> ParticipantRemovedEvent::fromPayload(const QJsonObject &payload)
{
    JsonReader reader(payload);
    const qint64 conversationId = reader.requiredId(QStringLiteral("conversationId"));
    const qint64 userId = reader.requiredId(QStringLiteral("userId"));
    if (!reader.ok())
        return *reader.error();
    return ParticipantRemovedEvent {conversationId, userId};
}

Envelope ConversationUpdatedEvent::toEnvelope() const
{
    return {EventType::ConversationUpdated,
        QJsonObject {{QStringLiteral("conversation"), conversation.toJson()}}};
}

Result<ConversationUpdatedEvent> ConversationUpdatedEvent::fromPayload(const QJsonObject &payload)
{
    JsonReader reader(payload);
    const QJsonObject json = reader.requiredObject(QStringLiteral("conversation"));
    if (!reader.ok())
        return *reader.error();
    Result<Conversation> conversation = Conversation::fromJson(json);
    if (!conversation)
        return conversation.error();
    return ConversationUpdatedEvent {std::move(conversation).value()};
}

Envelope TypingFrame::toEnvelope() const
{
    return {EventType::Typing,
        QJsonObject {{QStringLiteral("conversationId"), conversationId},
            {QStringLiteral("isTyping"), isTyping}}};
}

Result<TypingFrame> TypingFrame::fromPayload(const QJsonObject &payload)
{
    JsonReader reader(payload);
    const qint64 conversationId = reader.requiredId(QStringLiteral("conversationId"));
    const bool isTyping = reader.optionalBool(QStringLiteral("isTyping"), true);
    if (!reader.ok())
        return *reader.error();
    return TypingFrame(conversationId, isTyping);
}

Envelope TypingEvent::toEnvelope() const
{
    return {EventType::Typing,
        QJsonObject {{QStringLiteral("conversationId"), conversationId},
            {QStringLiteral("userId"), userId}, {QStringLiteral("isTyping"), isTyping}}};
}

Result<TypingEvent> TypingEvent::fromPayload(const QJsonObject &payload)
{
    JsonReader reader(payload);
    const qint64 conversationId = reader.requiredId(QStringLiteral("conversationId"));
    const qint64 userId = reader.requiredId(QStringLiteral("userId"));
    const bool isTyping = reader.optionalBool(QStringLiteral("isTyping"), true);
    if (!reader.ok())
        return *reader.error();
    return TypingEvent(conversationId, userId, isTyping);
}

Envelope PresenceEvent::toEnvelope() const
{
    return {EventType::Presence,
        QJsonObject {{QStringLiteral("userId"), userId}, {QStringLiteral("online"), online},
            {QStringLiteral("lastSeenAt"), timestampOrNull(lastSeenAt)}}};
}

Result<PresenceEvent> PresenceEvent::fromPayload(const QJsonObject &payload)
{
    JsonReader reader(payload);
    const qint64 userId = reader.requiredId(QStringLiteral("userId"));
    const bool online = reader.optionalBool(QStringLiteral("online"), false);
    const QDateTime lastSeenAt =
        parseTimestamp(reader.optionalString(QStringLiteral("lastSeenAt")).value_or(QString()));
    if (!reader.ok())
        return *reader.error();
    return PresenceEvent(userId, online, lastSeenAt);
}

Envelope UserUpdatedEvent::toEnvelope() const
{
    return {EventType::UserUpdated, QJsonObject {{QStringLiteral("user"), user.toJson()}}};
}

Result<UserUpdatedEvent> UserUpdatedEvent::fromPayload(const QJsonObject &payload)
{
    JsonReader reader(payload);
    const QJsonObject json = reader.requiredObject(QStringLiteral("user"));
    if (!reader.ok())
        return *reader.error();
    Result<User> user = User::fromJson(json);
    if (!user)
        return user.error();
    return UserUpdatedEvent {std::move(user).value()};
}

} // namespace Confab
