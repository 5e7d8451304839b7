#include "common/authrequests.h"

#include "common/jsonreader.h"

namespace Confab {

QJsonObject RegisterRequest::toJson() const
{
    QJsonObject json {
        {QStringLiteral("username"), username}, {QStringLiteral("password"), password}};
    if (displayName)
        json.insert(QStringLiteral("displayName"), *displayName);
    if (inviteCode)
        json.insert(QStringLiteral("inviteCode"), *inviteCode);
    return json;
}

Result<RegisterRequest> RegisterRequest::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    RegisterRequest request;
    request.username = reader.requiredString(QStringLiteral("username"));
    request.password = reader.requiredString(QStringLiteral("password"));
    request.displayName = reader.optionalString(QStringLiteral("displayName"));
    request.inviteCode = reader.optionalString(QStringLiteral("inviteCode"));
    if (!reader.ok())
        return *reader.error();
    return request;
}

QJsonObject LoginRequest::toJson() const
{
    return QJsonObject {
        {QStringLiteral("username"), username}, {QStringLiteral("password"), password}};
}

Result<LoginRequest> LoginRequest::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    LoginRequest request;
    request.username = reader.requiredString(QStringLiteral("username"));
    request.password = reader.requiredString(QStringLiteral("password"));
    if (!reader.ok())
        return *reader.error();
    return request;
}

QJsonObject RefreshRequest::toJson() const
{
    return QJsonObject {{QStringLiteral("refreshToken"), refreshToken}};
}

Result<RefreshRequest> RefreshRequest::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    RefreshRequest request;
    request.refreshToken = reader.requiredString(QStringLiteral("refreshToken"));
    if (!reader.ok())
        return *reader.error();
    return request;
}

} // namespace Confab
