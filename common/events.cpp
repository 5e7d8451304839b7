#include "common/events.h"

#include "common/jsonreader.h"

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
    return {EventType::Ready, QJsonObject {{QStringLiteral("user"), user.toJson()}}};
}

Result<ReadyEvent> ReadyEvent::fromPayload(const QJsonObject &payload)
{
    JsonReader reader(payload);
    const QJsonObject userJson = reader.requiredObject(QStringLiteral("user"));
    if (!reader.ok())
        return *reader.error();
    Result<User> user = User::fromJson(userJson);
    if (!user)
        return user.error();
    return ReadyEvent {std::move(user).value()};
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
