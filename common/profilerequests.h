#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Confab {

/// PATCH /api/users/me: each field left out (or null) stays as it is.
struct UpdateProfileRequest
{
    std::optional<QString> displayName;
    std::optional<QString> bio;
    std::optional<QString> profilePictureUrl; ///< "" clears the picture

    QJsonObject toJson() const;
    static Result<UpdateProfileRequest> fromJson(const QJsonObject &json);
};

/// POST /api/auth/password
struct ChangePasswordRequest
{
    QString currentPassword;
    QString newPassword;

    QJsonObject toJson() const;
    static Result<ChangePasswordRequest> fromJson(const QJsonObject &json);
};

} // namespace Confab
