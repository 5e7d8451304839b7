#include "app/host/lanaddresses.h"

#include <QNetworkInterface>

namespace Confab::Host::LanAddresses {

QList<QHostAddress> current()
{
    QList<QHostAddress> ipv4;
    QList<QHostAddress> ipv6;
    const QList<QNetworkInterface> interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &interface : interfaces) {
        const auto flags = interface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp)
            || !flags.testFlag(QNetworkInterface::IsRunning)
            || flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        const QList<QNetworkAddressEntry> entries = interface.addressEntries();
        for (const QNetworkAddressEntry &entry : entries) {
            const QHostAddress address = entry.ip();
            if (address.isLoopback() || address.isLinkLocal() || address.isNull())
                continue;
            QList<QHostAddress> &list =
                address.protocol() == QAbstractSocket::IPv4Protocol ? ipv4 : ipv6;
            if (!list.contains(address))
                list.append(address);
        }
    }
    return ipv4 + ipv6;
}

} // namespace Confab::Host::LanAddresses
