#include "app/ui/hostingaddresses.h"

#include "app/host/embeddedserver.h"

namespace Confab::Ui {

namespace {

QString withPort(const QHostAddress &address, quint16 port)
{
    QHostAddress plain = address;
    plain.setScopeId({}); // a link-local zone means nothing on the guest's computer
    const QString host = plain.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(plain.toString())
        : plain.toString();
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

} // namespace

QStringList hostingAddresses(const Host::HostInfo &info)
{
    QStringList addresses;
    for (const QHostAddress &address : info.lanAddresses) {
        if (!address.isLoopback() && !address.isNull())
            addresses.append(withPort(address, info.port));
    }
    if (addresses.isEmpty())
        addresses.append(withPort(QHostAddress(QHostAddress::LocalHost), info.port));
    return addresses;
}

QStringList hostingUrls(const Host::HostInfo &info)
{
    const QString scheme = info.tls ? QStringLiteral("https://") : QStringLiteral("http://");
    QStringList urls;
    for (const QString &address : hostingAddresses(info))
        urls.append(scheme + address);
    return urls;
}

} // namespace Confab::Ui
