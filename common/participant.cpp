#include "common/participant.h"

#include "common/jsonreader.h"
#include "common/jsonwriter.h"

namespace Confab {

QString roleToString(ParticipantRole role)
{
    return role == ParticipantRole::Admin ? QStringLiteral("admin") : QStringLiteral("member");
}

std::optional<ParticipantRole> roleFromString(const QString &text)
{
    if (text == QLatin1String("admin"))
        return ParticipantRole::Admin;
    if (text == QLatin1String("member"))
        return ParticipantRole::Member;
    return std::nullopt;
}

QJsonObject Participant::toJson() const
{
    return QJsonObject {{QStringLiteral("user"), user.toJson()},
        {QStringLiteral("role"), roleToString(role)},
        {QStringLiteral("lastReadMessageId"), lastReadMessageId}};
}

void Participant::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writer.key(QLatin1StringView("user"));
    user.writeJson(writer);
    writer.key(QLatin1StringView("role")).value(roleToString(role));
    writer.key(QLatin1StringView("lastReadMessageId")).value(lastReadMessageId);
    writer.endObject();
}

Result<Participant> Participant::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    const QJsonObject userJson = reader.requiredObject(QStringLiteral("user"));
    const QString roleText = reader.requiredString(QStringLiteral("role"));
    // Optional: older servers do not send it.
    const qint64 lastRead = reader.optionalInteger(QStringLiteral("lastReadMessageId"), 0);
    if (!reader.ok())
        return *reader.error();
    Result<User> user = User::fromJson(userJson);
    if (!user)
        return user.error();
    const auto role = roleFromString(roleText);
    if (!role)
        return badRequest(QStringLiteral("invalid_field"),
            QStringLiteral("The field \"role\" must be \"admin\" or \"member\"."));
    Participant participant;
    participant.user = std::move(user).value();
    participant.role = *role;
    participant.lastReadMessageId = qMax<qint64>(0, lastRead);
    return participant;
}

} // namespace Confab
