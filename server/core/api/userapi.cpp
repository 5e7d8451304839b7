#include "server/core/api/userapi.h"

#include "server/core/api/presence.h"
#include "server/core/storage/database.h"

#include "common/textlength.h"

#include <QJsonArray>

namespace Confab::Server {

void UserApi::registerRoutes(Router &router)
{
    using M = QHttpServerRequest::Method;
    const auto auth = Router::Access::Authenticated;
    router.add(M::Get, QStringLiteral("/api/users/me"), auth,
        [this](ApiRequest r) { return me(std::move(r)); });
    router.add(M::Get, QStringLiteral("/api/users/:id"), auth,
        [this](ApiRequest r) { return byId(std::move(r)); });
    router.add(M::Get, QStringLiteral("/api/users"), auth,
        [this](ApiRequest r) { return search(std::move(r)); });
}

QCoro::Task<ApiResponse> UserApi::fetchUser(qint64 userId)
{
    auto userTask = m_context.database.read<std::optional<User>>(
        [userId](Storage &storage) { return storage.users().findById(userId); });
    Result<std::optional<User>> user = co_await userTask;
    if (!user)
        co_return ApiResponse::error(user.error());
    if (!user->has_value())
        co_return ApiResponse::error(
            notFound(QStringLiteral("user_not_found"), QStringLiteral("There is no such user.")));
    User found = **user;
    applyPresence(m_context.hub, found);
    co_return ApiResponse::json(200, found.toJson());
}

QCoro::Task<ApiResponse> UserApi::me(ApiRequest request)
{
    const qint64 me = request.userId;
    auto userTask = m_context.database.read<std::pair<std::optional<User>, bool>>(
        [me](Storage &storage) -> Result<std::pair<std::optional<User>, bool>> {
            Result<std::optional<User>> user = storage.users().findById(me);
            if (!user)
                return user.error();
            Result<bool> admin = storage.users().isAdmin(me);
            if (!admin)
                return admin.error();
            return std::make_pair(*user, *admin);
        });
    Result<std::pair<std::optional<User>, bool>> found = co_await userTask;
    if (!found)
        co_return ApiResponse::error(found.error());
    if (!found->first.has_value())
        co_return ApiResponse::error(
            notFound(QStringLiteral("user_not_found"), QStringLiteral("There is no such user.")));
    User user = *found->first;
    applyPresence(m_context.hub, user);
    // Only your own profile says whether you administer the server.
    QJsonObject json = user.toJson();
    json.insert(QStringLiteral("isAdmin"), found->second);
    co_return ApiResponse::json(200, json);
}

QCoro::Task<ApiResponse> UserApi::byId(ApiRequest request)
{
    ApiResponse response = co_await fetchUser(request.ids.at(0));
    co_return response;
}

QCoro::Task<ApiResponse> UserApi::search(ApiRequest request)
{
    const QString query =
        request.query.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded).trimmed();
    if (query.isEmpty() || characterCount(query) > 64)
        co_return ApiResponse::error(badRequest(QStringLiteral("invalid_query"),
            QStringLiteral("Search with 1 to 64 characters of a username or display name.")));
    const qint64 me = request.userId;
    auto usersTask = m_context.database.read<QList<User>>(
        [query](Storage &storage) { return storage.users().search(query, kSearchLimit + 1); });
    // One more than shown, because the caller is left out of the results.
    Result<QList<User>> users = co_await usersTask;
    if (!users)
        co_return ApiResponse::error(users.error());
    QJsonArray array;
    for (User &user : *users) {
        if (user.id == me || array.size() == kSearchLimit)
            continue;
        applyPresence(m_context.hub, user);
        array.append(user.toJson());
    }
    co_return ApiResponse::json(200, QJsonObject {{QStringLiteral("users"), array}});
}

} // namespace Confab::Server
