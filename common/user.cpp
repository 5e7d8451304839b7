#include "common/user.h"

#include "common/jsonreader.h"
#include "common/jsonwriter.h"
#include "common/timeformat.h"

namespace Confab {

QJsonObject User::toJson() const
{
    return QJsonObject {
        {QStringLiteral("id"), id},
        {QStringLiteral("username"), username},
        {QStringLiteral("displayName"), displayName},
        {QStringLiteral("bio"), bio},
        {QStringLiteral("profilePictureUrl"), profilePictureUrl},
        {QStringLiteral("online"), online},
        {QStringLiteral("lastSeenAt"), timestampOrNull(lastSeenAt)},
        {QStringLiteral("createdAt"), timestampOrNull(createdAt)},
    };
}

void User::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writer.key(QLatin1StringView("id")).value(id);
    writer.key(QLatin1StringView("username")).value(username);
    writer.key(QLatin1StringView("displayName")).value(displayName);
    writer.key(QLatin1StringView("bio")).value(bio);
    writer.key(QLatin1StringView("profilePictureUrl")).value(profilePictureUrl);
    writer.key(QLatin1StringView("online")).value(online);
    writer.key(QLatin1StringView("lastSeenAt")).timestamp(lastSeenAt);
    writer.key(QLatin1StringView("createdAt")).timestamp(createdAt);
    writer.endObject();
}

Result<User> User::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    User user;
    user.id = reader.requiredId(QStringLiteral("id"));
    user.username = reader.requiredString(QStringLiteral("username"));
    user.displayName = reader.requiredString(QStringLiteral("displayName"));
    user.bio = reader.optionalString(QStringLiteral("bio")).value_or(QString());
    user.profilePictureUrl =
        reader.optionalString(QStringLiteral("profilePictureUrl")).value_or(QString());
    user.online = reader.optionalBool(QStringLiteral("online"), false);
    user.lastSeenAt =
        parseTimestamp(reader.optionalString(QStringLiteral("lastSeenAt")).value_or(QString()));
    user.createdAt =
        parseTimestamp(reader.optionalString(QStringLiteral("createdAt")).value_or(QString()));
    if (!reader.ok())
        return *reader.error();
    return user;
}

} // namespace Confab
