#pragma once

#include "common/result.h"

#include <QString>

namespace Confab::Server::CredentialRules {

/// 3-32 characters of [A-Za-z0-9_.-]; 400 invalid_username otherwise.
Result<void> checkUsername(const QString &username);
/// 8-128 characters; 400 invalid_password otherwise.
Result<void> checkPassword(const QString &password);
/// 1-64 characters once trimmed; returns the trimmed name or 400 invalid_display_name.
Result<QString> normaliseDisplayName(const QString &displayName);

} // namespace Confab::Server::CredentialRules
