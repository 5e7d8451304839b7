#include "server/core/admin/registrationmode.h"

namespace Confab::Server::RegistrationModes {

QString toString(RegistrationMode mode)
{
    return mode == RegistrationMode::Invite ? QStringLiteral("invite") : QStringLiteral("open");
}

std::optional<RegistrationMode> fromString(const QString &text)
{
    if (text == QLatin1String("open"))
        return RegistrationMode::Open;
    if (text == QLatin1String("invite"))
        return RegistrationMode::Invite;
    return std::nullopt;
}

} // namespace Confab::Server::RegistrationModes
