#pragma once

#include "common/user.h"

namespace Confab {

class JsonWriter;

enum class ParticipantRole { Member, Admin };

QString roleToString(ParticipantRole role);
std::optional<ParticipantRole> roleFromString(const QString &text);

/// A user's membership of a conversation.
struct Participant
{
    User user;
    ParticipantRole role = ParticipantRole::Member;
    qint64 lastReadMessageId = 0; ///< how far this user has read; 0 when nothing yet

    QJsonObject toJson() const;
    /// The same object as toJson(), written straight into a JsonWriter.
    void writeJson(JsonWriter &writer) const;
    static Result<Participant> fromJson(const QJsonObject &json);
    bool operator==(const Participant &other) const = default;
};

} // namespace Confab
