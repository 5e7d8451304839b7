#include "server/core/auth/credentialrules.h"

#include "common/textlength.h"

namespace Confab::Server::CredentialRules {

Result<void> checkUsername(const QString &username)
{
    const auto allowed = [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_')
            || c == QLatin1Char('.') || c == QLatin1Char('-');
    };
    if (username.size() < 3 || username.size() > 32
        || !std::all_of(username.begin(), username.end(), allowed))
        return badRequest(QStringLiteral("invalid_username"),
            QStringLiteral("A username has 3 to 32 characters: letters, digits, "
                           "'_', '.' and '-'."));
    return {};
}

Result<void> checkPassword(const QString &password)
{
    if (characterCount(password) < 8 || characterCount(password) > 128)
        return badRequest(QStringLiteral("invalid_password"),
            QStringLiteral("A password has 8 to 128 characters."));
    return {};
}

Result<QString> normaliseDisplayName(const QString &displayName)
{
    const QString trimmed = displayName.trimmed();
    if (trimmed.isEmpty() || characterCount(trimmed) > 64)
        return badRequest(QStringLiteral("invalid_display_name"),
            QStringLiteral("A display name has 1 to 64 characters."));
    return trimmed;
}

} // namespace Confab::Server::CredentialRules
