#pragma once

#include "common/user.h"

namespace Confab {

/// The answer to register, login and refresh: who you are and a fresh token pair.
struct AuthResponse
{
    User user;
    QString accessToken;
    QString refreshToken;
    int expiresIn = 0; ///< seconds until the access token expires

    QJsonObject toJson() const;
    static Result<AuthResponse> fromJson(const QJsonObject &json);
};

} // namespace Confab
