#pragma once

#include <QString>

namespace Confab::Host {

/// The username the host's account gets, made from the name the host gave.
namespace HostUsername {
/// Lower-case ASCII letters and digits of `displayName` (accents dropped), with '.', '_' and
/// '-' kept and spaces turned into '.'; "host" when fewer than three characters remain.
QString fromDisplayName(const QString &displayName);
/// The `attempt`-th choice (1, 2, …) for `base`: the base itself, then "base2", "base3", …,
/// shortened so that it stays a valid username.
QString candidate(const QString &base, int attempt);
} // namespace HostUsername

} // namespace Confab::Host
