#include "app/core/discoveredserver.h"

namespace Confab::Client {

QUrl DiscoveredServer::url() const
{
    QUrl url;
    url.setScheme(tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(address.isEmpty() ? host : address);
    url.setPort(port);
    return url;
}

} // namespace Confab::Client
