#include "common/user.h"

#include "common/jsonreader.h"
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
