#pragma once

#include <QHostAddress>
#include <QList>

namespace Confab::Host {

/// The addresses other computers may reach this one on.
namespace LanAddresses {
/// Of every interface that is up and not a loopback: IPv4 addresses first, then global IPv6
/// ones (link-local IPv6 addresses are left out: they are useless without a scope).
QList<QHostAddress> current();
} // namespace LanAddresses

} // namespace Confab::Host
