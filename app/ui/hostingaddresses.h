#pragma once

#include <QStringList>

namespace Confab::Host {
struct HostInfo;
}

namespace Confab::Ui {

/// "192.168.1.20:8080" for each address other computers can reach the host on, in the order
/// the host gives them (local network IPv4 first); "127.0.0.1:8080" alone when it has none.
QStringList hostingAddresses(const Host::HostInfo &info);
/// What a guest types into the sign-in window: the addresses above with the scheme
/// ("https://192.168.1.20:8080").
QStringList hostingUrls(const Host::HostInfo &info);

} // namespace Confab::Ui
