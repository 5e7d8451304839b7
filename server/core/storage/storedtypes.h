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

} // namespace Confab::Server
