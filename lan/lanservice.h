#pragma once

#include <QString>

namespace Confab::Lan {

/// The DNS-SD service type Confab servers announce and clients browse for.
inline const char *serviceType()
{
    return "_confab._tcp";
}

/// The version of the TXT record's keys (`proto`); clients skip servers announcing another.
inline constexpr int kProtocolVersion = 1;

} // namespace Confab::Lan
