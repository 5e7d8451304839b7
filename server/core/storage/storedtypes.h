#pragma once

#include "common/conversation.h"
#include "common/message.h"
#include "common/user.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace Confab::Server {

/// What login needs to check a password.
struct StoredCredentials
{
    qint64 userId = 0;
    QString passwordHash;
};

struct NewUser
{
    // A constructor, not aggregate initialisation: GCC 12 mis-copies aggregates made in coroutines.
    NewUser(QString name, QString display, QString hash, QDateTime created)
        : username(std::move(name))
        , displayName(std::move(display))
        , passwordHash(std::move(hash))
        , createdAt(std::move(created))
    { }

    QString username;
    QString displayName;
    QString passwordHash;
    QDateTime createdAt;
    bool isAdmin = false; ///< the server's administrator (the first account)
};

/// A message as a sender asked to store it, checked against the API's rules but not yet
/// against the conversation's membership.
struct NewMessage
{
    // A constructor, not aggregate initialisation: GCC 12 mis-copies aggregates made in coroutines.
    NewMessage(qint64 conversation, qint64 sender, QString text, QString clientId, QDateTime at)
        : conversationId(conversation)
        , senderId(sender)
        , content(std::move(text))
        , clientMessageId(std::move(clientId))
        , createdAt(std::move(at))
    { }

    qint64 conversationId = 0;
    qint64 senderId = 0;
    QString content;
    QString clientMessageId; ///< empty when the sender gave none
    QDateTime createdAt;
};

/// The outcome of sending a message: the stored message, and whether this call stored it
/// (false when a retry with the same clientMessageId found the first one).
struct SendOutcome
{
    Message message;
    bool created = false;
    QList<qint64> participantIds; ///< who must receive MESSAGE_CREATED
};

/// The outcome of asking for a conversation: whether a new one was made.
struct CreateOutcome
{
    Conversation conversation; ///< as seen by the creator
    bool created = false;
};

/// What using a refresh token found.
/// Revoked: ended by logout, a password change or the theft defence, and never used since.
enum class RefreshTokenState { Valid, Unknown, Expired, AlreadyUsed, Revoked };
struct RefreshTokenUse
{
    RefreshTokenState state = RefreshTokenState::Unknown;
    qint64 userId = 0; ///< set for Valid and AlreadyUsed
};

/// An invite code as the server keeps it: never the code itself, only its hash.
struct StoredInvite
{
    qint64 id = 0;
    std::optional<qint64> createdBy; ///< empty when made on the command line
    QDateTime createdAt;
    QDateTime expiresAt; ///< invalid when it never expires
    QDateTime usedAt; ///< invalid until used
    std::optional<qint64> usedBy; ///< the account it made (empty if since deleted)
};

} // namespace Confab::Server
