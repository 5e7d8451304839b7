#include "server/core/http/httplimits.h"

#include <algorithm>

namespace Confab::Server {

namespace {

bool pathMatchesPrefix(QByteArrayView path, QByteArrayView prefix)
{
    if (!path.startsWith(prefix))
        return false;
    if (path.size() == prefix.size() || prefix.endsWith('/'))
        return true;
    // Segment boundary, so that a limit for "/avatar" does not leak to "/avatars-bulk".
    return path.at(prefix.size()) == '/';
}

} // namespace

qint64 HttpLimits::bodyLimitFor(QByteArrayView method, QByteArrayView target) const
{
    const qsizetype query = target.indexOf('?');
    const QByteArrayView path = query < 0 ? target : target.first(query);
    for (const RouteBodyLimit &route : routeBodyLimits) {
        if (route.method == method && pathMatchesPrefix(path, route.pathPrefix))
            return route.maxBodyBytes;
    }
    return maxBodyBytes;
}

qint64 HttpLimits::largestBodyLimit() const
{
    qint64 largest = maxBodyBytes;
    for (const RouteBodyLimit &route : routeBodyLimits)
        largest = std::max(largest, route.maxBodyBytes);
    return largest;
}

} // namespace Confab::Server
