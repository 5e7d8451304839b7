#include "common/profilerequests.h"

#include "common/jsonreader.h"

namespace Confab {

QJsonObject UpdateProfileRequest::toJson() const
{
    QJsonObject json;
    if (displayName)
        json.insert(QStringLiteral("displayName"), *displayName);
    if (bio)
        json.insert(QStringLiteral("bio"), *bio);
    if (profilePictureUrl)
        json.insert(QStringLiteral("profilePictureUrl"), *profilePictureUrl);
    return json;
}

Result<UpdateProfileRequest> UpdateProfileRequest::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    UpdateProfileRequest request;
    request.displayName = reader.optionalString(QStringLiteral("displayName"));
    request.bio = reader.optionalString(QStringLiteral("bio"));
    request.profilePictureUrl = reader.optionalString(QStringLiteral("profilePictureUrl"));
    if (!reader.ok())
        return *reader.error();
    return request;
}

QJsonObject ChangePasswordRequest::toJson() const
{
    return QJsonObject {{QStringLiteral("currentPassword"), currentPassword},
        {QStringLiteral("newPassword"), newPassword}};
}

Result<ChangePasswordRequest> ChangePasswordRequest::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    ChangePasswordRequest request;
    request.currentPassword = reader.requiredString(QStringLiteral("currentPassword"));
    request.newPassword = reader.requiredString(QStringLiteral("newPassword"));
    if (!reader.ok())
        return *reader.error();
    return request;
}

} // namespace Confab
