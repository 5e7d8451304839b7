#pragma once

#include <QString>

#include <optional>

namespace Confab::Server {

/// Who may create an account: anyone, or only holders of an invite code. The first account
/// of a server may always be created.
enum class RegistrationMode { Open, Invite };

namespace RegistrationModes {
/// The server_settings key under which the mode is stored.
inline QString settingKey()
{
    return QStringLiteral("registration");
}
/// "open" or "invite", as on the wire, the command line and in the database.
QString toString(RegistrationMode mode);
std::optional<RegistrationMode> fromString(const QString &text);
} // namespace RegistrationModes

} // namespace Confab::Server
