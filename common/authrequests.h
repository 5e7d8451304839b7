#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Confab {

/// POST /api/auth/register
struct RegisterRequest
{
    QString username;
    QString password;
    std::optional<QString> displayName;
    std::optional<QString> inviteCode; ///< needed when the server is invite-only

    QJsonObject toJson() const;
    static Result<RegisterRequest> fromJson(const QJsonObject &json);
};

/// POST /api/auth/login
struct LoginRequest
{
    QString username;
    QString password;

    QJsonObject toJson() const;
    static Result<LoginRequest> fromJson(const QJsonObject &json);
};

/// POST /api/auth/refresh and POST /api/auth/logout
struct RefreshRequest
{
    QString refreshToken;

    QJsonObject toJson() const;
    static Result<RefreshRequest> fromJson(const QJsonObject &json);
};

} // namespace Confab
