#include "server/core/http/router.h"

namespace Confab::Server {

void Router::add(
    QHttpServerRequest::Method method, const QString &pattern, Access access, Handler handler)
{
    m_routes.push_back(Route {
        method, pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts), access, std::move(handler)});
}

bool Router::matchSegments(const Route &route, const QStringList &parts, QList<qint64> &ids)
{
    if (route.segments.size() != parts.size())
        return false;
    ids.clear();
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString &expected = route.segments.at(i);
        if (expected.startsWith(QLatin1Char(':'))) {
            bool ok = false;
            const qint64 id = parts.at(i).toLongLong(&ok);
            if (!ok || id <= 0 || parts.at(i).startsWith(QLatin1Char('+')))
                return false;
            ids.append(id);
        } else if (expected != parts.at(i)) {
            return false;
        }
    }
    return true;
}

Router::Match Router::match(QHttpServerRequest::Method method, const QString &path) const
{
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    Match result;
    bool pathKnown = false;
    QList<qint64> ids;
    for (const Route &route : m_routes) {
        if (!matchSegments(route, parts, ids))
            continue;
        pathKnown = true;
        if (route.method == method) {
            result.route = &route;
            result.ids = ids;
            return result;
        }
    }
    if (pathKnown)
        result.error = makeError(405, QStringLiteral("method_not_allowed"),
            QStringLiteral("This method is not allowed on %1.").arg(path));
    else
        result.error = notFound(
            QStringLiteral("not_found"), QStringLiteral("There is nothing at %1.").arg(path));
    return result;
}

} // namespace Confab::Server
