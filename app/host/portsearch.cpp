#include "app/host/portsearch.h"

#include "server/core/chatserver.h"

#include <QCoreApplication>

namespace Confab::Host::PortSearch {

Result<quint16> listen(Server::ChatServer &server, quint16 preferred, int attempts)
{
    if (preferred == 0)
        return server.listen(0);
    const int last = qMin(int(preferred) + qMax(attempts, 1) - 1, 65535);
    for (int port = preferred; port <= last; ++port) {
        Result<quint16> bound = server.listen(quint16(port));
        if (bound || bound.error().code != QStringLiteral("address_in_use"))
            return bound;
    }
    return makeError(0, QStringLiteral("no_free_port"),
        QCoreApplication::translate("Confab::Host::PortSearch",
            "Ports %1 to %2 are all in use by other programs; choose another port.")
            .arg(preferred)
            .arg(last));
}

} // namespace Confab::Host::PortSearch
