#pragma once

#include <QString>
#include <QUrl>

namespace Confab::Client {

/// A Confab server found on the local network, as its DNS-SD announcement describes it.
struct DiscoveredServer
{
    QString name; ///< the instance name people chose, e.g. "Sam's Confab"
    QString host; ///< its host name, e.g. "kitchen-pc.local"
    quint16 port = 0;
    QString address; ///< an IPv4 address of the host
    bool tls = false;
    QString fingerprint; ///< SHA-256 of the server's certificate when tls (TXT `fp`)

    /// Where to connect: http(s)://address:port.
    QUrl url() const;
    bool operator==(const DiscoveredServer &other) const = default;
};

} // namespace Confab::Client
