#pragma once

#include "server/core/http/apirequest.h"
#include "server/core/http/apiresponse.h"

#include <QCoroTask>

#include <functional>
#include <optional>
#include <vector>

namespace Confab::Server {

/// Maps a method and a path such as `/api/conversations/:id/messages` to a handler.
/// `:name` segments match positive integers only, which reach the handler as ApiRequest::ids.
class Router
{
public:
    using Handler = std::function<QCoro::Task<ApiResponse>(ApiRequest)>;
    enum class Access { Public, Authenticated };

    struct Route
    {
        QHttpServerRequest::Method method;
        QStringList segments;
        Access access;
        Handler handler;
    };

    struct Match
    {
        const Route *route = nullptr;
        QList<qint64> ids;
        std::optional<Error> error; ///< 404 not_found or 405 method_not_allowed
    };

    void add(
        QHttpServerRequest::Method method, const QString &pattern, Access access, Handler handler);
    Match match(QHttpServerRequest::Method method, const QString &path) const;

private:
    static bool matchSegments(const Route &route, const QStringList &parts, QList<qint64> &ids);

    std::vector<Route> m_routes;
};

} // namespace Confab::Server
