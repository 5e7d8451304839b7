#pragma once

#include "common/conversation.h"
#include "common/user.h"

#include <QByteArray>
#include <QJsonObject>
#include <QLatin1StringView>

namespace Confab {

// The event types have constructors on purpose: GCC 12 mis-copies members of aggregates
// brace-initialised inside coroutines, where most of them are made.

/// The type strings of WebSocket frames, each defined once.
namespace EventType {
inline constexpr QLatin1StringView Auth {"AUTH"};
inline constexpr QLatin1StringView Ready {"READY"};
inline constexpr QLatin1StringView Error {"ERROR"};
inline constexpr QLatin1StringView MessageCreated {"MESSAGE_CREATED"};
inline constexpr QLatin1StringView ConversationCreated {"CONVERSATION_CREATED"};
inline constexpr QLatin1StringView UserUpdated {"USER_UPDATED"};
} // namespace EventType

/// A WebSocket frame: {"type":"…","payload":{…}}.
struct Envelope
{
    QString type;
    QJsonObject payload;

    /// The compact JSON text of the frame; fan-out serialises once and sends these bytes.
    QByteArray encode() const;
    static Result<Envelope> decode(const QByteArray &text);
};

/// Client → server: authenticate a connection whose upgrade carried no token.
struct AuthFrame
{
    AuthFrame() = default;
    explicit AuthFrame(QString t)
        : token(std::move(t))
    { }
    QString token;
    Envelope toEnvelope() const;
    static Result<AuthFrame> fromPayload(const QJsonObject &payload);
};

/// Server → client, once authenticated.
struct ReadyEvent
{
    ReadyEvent() = default;
    explicit ReadyEvent(User u)
        : user(std::move(u))
    { }
    User user;
    Envelope toEnvelope() const;
    static Result<ReadyEvent> fromPayload(const QJsonObject &payload);
};

struct MessageCreatedEvent
{
    MessageCreatedEvent() = default;
    explicit MessageCreatedEvent(Message m)
        : message(std::move(m))
    { }
    Message message;
    Envelope toEnvelope() const;
    static Result<MessageCreatedEvent> fromPayload(const QJsonObject &payload);
};

struct ConversationCreatedEvent
{
    ConversationCreatedEvent() = default;
    explicit ConversationCreatedEvent(Conversation c)
        : conversation(std::move(c))
    { }
    Conversation conversation;
    Envelope toEnvelope() const;
    static Result<ConversationCreatedEvent> fromPayload(const QJsonObject &payload);
};

/// Server → client when a frame could not be handled; the connection stays open.
struct ErrorEvent
{
    ErrorEvent() = default;
    ErrorEvent(QString c, QString m)
        : code(std::move(c))
        , message(std::move(m))
    { }
    QString code;
    QString message;
    Envelope toEnvelope() const;
    static Result<ErrorEvent> fromPayload(const QJsonObject &payload);
};

/// Server → client: a user changed their profile (name, bio, picture).
struct UserUpdatedEvent
{
    UserUpdatedEvent() = default;
    explicit UserUpdatedEvent(User u)
        : user(std::move(u))
    { }
    User user;
    Envelope toEnvelope() const;
    static Result<UserUpdatedEvent> fromPayload(const QJsonObject &payload);
};

} // namespace Confab
