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
inline constexpr QLatin1StringView UserUpdated {"USER_UPDATED"};
inline constexpr QLatin1StringView Typing {"TYPING"};
inline constexpr QLatin1StringView Presence {"PRESENCE"};
inline constexpr QLatin1StringView Auth {"AUTH"};
inline constexpr QLatin1StringView Ready {"READY"};
inline constexpr QLatin1StringView Error {"ERROR"};
inline constexpr QLatin1StringView MessageCreated {"MESSAGE_CREATED"};
inline constexpr QLatin1StringView ConversationCreated {"CONVERSATION_CREATED"};
inline constexpr QLatin1StringView MessageUpdated {"MESSAGE_UPDATED"};
inline constexpr QLatin1StringView MessageDeleted {"MESSAGE_DELETED"};
inline constexpr QLatin1StringView Read {"READ"};
inline constexpr QLatin1StringView ParticipantAdded {"PARTICIPANT_ADDED"};
inline constexpr QLatin1StringView ParticipantRemoved {"PARTICIPANT_REMOVED"};
inline constexpr QLatin1StringView ConversationUpdated {"CONVERSATION_UPDATED"};
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
    explicit ReadyEvent(User u, QList<qint64> online = {})
        : user(std::move(u))
        , onlineUserIds(std::move(online))
    { }
    User user;
    /// The users sharing a conversation with `user` who are online right now.
    QList<qint64> onlineUserIds;
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

/// Server → client: a message's content was edited.
struct MessageUpdatedEvent
{
    MessageUpdatedEvent() = default;
    explicit MessageUpdatedEvent(Message m)
        : message(std::move(m))
    { }
    Message message;
    Envelope toEnvelope() const;
    static Result<MessageUpdatedEvent> fromPayload(const QJsonObject &payload);
};

/// Server → client: a message was deleted; it is a tombstone from now on.
struct MessageDeletedEvent
{
    MessageDeletedEvent() = default;
    MessageDeletedEvent(qint64 conversation, qint64 message, QDateTime deleted)
        : conversationId(conversation)
        , messageId(message)
        , deletedAt(std::move(deleted))
    { }
    qint64 conversationId = 0;
    qint64 messageId = 0;
    QDateTime deletedAt;
    Envelope toEnvelope() const;
    static Result<MessageDeletedEvent> fromPayload(const QJsonObject &payload);
};

/// Server → client: how far a participant has read. Also the body of the read route's answer.
struct ReadEvent
{
    ReadEvent() = default;
    ReadEvent(qint64 conversation, qint64 user, qint64 message)
        : conversationId(conversation)
        , userId(user)
        , messageId(message)
    { }
    qint64 conversationId = 0;
    qint64 userId = 0;
    qint64 messageId = 0;
    QJsonObject toJson() const;
    Envelope toEnvelope() const;
    static Result<ReadEvent> fromPayload(const QJsonObject &payload);
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

/// Server → client: someone joined a group (also sent to the new member).
struct ParticipantAddedEvent
{
    ParticipantAddedEvent() = default;
    ParticipantAddedEvent(qint64 conversation, User u, ParticipantRole r)
        : conversationId(conversation)
        , user(std::move(u))
        , role(r)
    { }
    qint64 conversationId = 0;
    User user;
    ParticipantRole role = ParticipantRole::Member;
    Envelope toEnvelope() const;
    static Result<ParticipantAddedEvent> fromPayload(const QJsonObject &payload);
};

/// Server → client: someone left or was removed from a group (also sent to them).
struct ParticipantRemovedEvent
{
    ParticipantRemovedEvent() = default;
    ParticipantRemovedEvent(qint64 conversation, qint64 user)
        : conversationId(conversation)
        , userId(user)
    { }
    qint64 conversationId = 0;
    qint64 userId = 0;
    Envelope toEnvelope() const;
    static Result<ParticipantRemovedEvent> fromPayload(const QJsonObject &payload);
};

/// Server → client: a group's title or roles changed. The same bytes go to every participant,
/// so `unreadCount` in it is 0 and not the recipient's.
struct ConversationUpdatedEvent
{
    ConversationUpdatedEvent() = default;
    explicit ConversationUpdatedEvent(Conversation c)
        : conversation(std::move(c))
    { }
    Conversation conversation;
    Envelope toEnvelope() const;
    static Result<ConversationUpdatedEvent> fromPayload(const QJsonObject &payload);
};

/// Client → server: the user is (or stopped) typing in a conversation.
struct TypingFrame
{
    TypingFrame() = default;
    TypingFrame(qint64 conversation, bool typing)
        : conversationId(conversation)
        , isTyping(typing)
    { }
    qint64 conversationId = 0;
    bool isTyping = true;
    Envelope toEnvelope() const;
    static Result<TypingFrame> fromPayload(const QJsonObject &payload);
};

/// Server → the other participants: `userId` is (or stopped) typing in a conversation.
struct TypingEvent
{
    TypingEvent() = default;
    TypingEvent(qint64 conversation, qint64 user, bool typing)
        : conversationId(conversation)
        , userId(user)
        , isTyping(typing)
    { }
    qint64 conversationId = 0;
    qint64 userId = 0;
    bool isTyping = true;
    Envelope toEnvelope() const;
    static Result<TypingEvent> fromPayload(const QJsonObject &payload);
};

/// Server → everyone sharing a conversation with `userId`: they came online or went offline.
struct PresenceEvent
{
    PresenceEvent() = default;
    PresenceEvent(qint64 user, bool isOnline, QDateTime seen)
        : userId(user)
        , online(isOnline)
        , lastSeenAt(std::move(seen))
    { }
    qint64 userId = 0;
    bool online = false;
    QDateTime lastSeenAt;
    Envelope toEnvelope() const;
    static Result<PresenceEvent> fromPayload(const QJsonObject &payload);
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
