#pragma once

#include "common/message.h"
#include "common/participant.h"

#include <QList>

#include <optional>

namespace Confab {

class JsonWriter;

enum class ConversationType { Direct, Group };

/// A direct chat between two people or a group, as one of its participants sees it.
struct Conversation
{
    qint64 id = 0;
    ConversationType type = ConversationType::Direct;
    QString title; ///< empty for direct conversations
    QList<Participant> participants;
    std::optional<Message> lastMessage;
    int unreadCount = 0; ///< for the user the object was made for
    QDateTime createdAt;
    QDateTime updatedAt; ///< time of the latest activity

    QJsonObject toJson() const;
    /// The same object as toJson(), written straight into a JsonWriter.
    void writeJson(JsonWriter &writer) const;
    static Result<Conversation> fromJson(const QJsonObject &json);
    bool operator==(const Conversation &other) const = default;
};

} // namespace Confab
