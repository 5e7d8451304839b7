#include "common/authresponse.h"

#include "common/jsonreader.h"

namespace Confab {

QJsonObject AuthResponse::toJson() const
{
    return QJsonObject {{QStringLiteral("user"), user.toJson()},
        {QStringLiteral("accessToken"), accessToken},
        {QStringLiteral("refreshToken"), refreshToken}, {QStringLiteral("expiresIn"), expiresIn}};
}

Result<AuthResponse> AuthResponse::fromJson(const QJsonObject &json)
{
    JsonReader reader(json);
    AuthResponse response;
    const QJsonObject userJson = reader.requiredObject(QStringLiteral("user"));
    response.accessToken = reader.requiredString(QStringLiteral("accessToken"));
    response.refreshToken = reader.requiredString(QStringLiteral("refreshToken"));
    response.expiresIn = int(reader.optionalInteger(QStringLiteral("expiresIn"), 0));
    if (!reader.ok())
        return *reader.error();
    Result<User> user = User::fromJson(userJson);
    if (!user)
        return user.error();
    response.user = std::move(user).value();
    return response;
}

} // namespace Confab
