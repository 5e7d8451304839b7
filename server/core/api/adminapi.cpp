#include "server/core/api/adminapi.h"

#include "server/core/admin/invitecode.h"
#include "server/core/admin/invitejson.h"
#include "server/core/admin/registrationmode.h"
#include "server/core/realtime/realtimehub.h"
#include "server/core/stats/messagecommitstats.h"
#include "server/core/storage/database.h"
#include "server/core/storage/messagewriter.h"

#include "common/jsonreader.h"

#include <QJsonArray>
#include <QPointer>

namespace Confab::Server {

namespace {

// Every admin job starts here, on the worker, so the check and the work see the same data.
Result<void> requireAdmin(Storage &storage, qint64 userId)
{
    Result<bool> admin = storage.users().isAdmin(userId);
    if (!admin)
        return admin.error();
    if (!*admin)
        return forbidden(QStringLiteral("not_server_admin"),
            QStringLiteral("Only the server's administrator can do this."));
    return {};
}

Result<RegistrationMode> storedMode(Storage &storage)
{
    Result<std::optional<QString>> stored =
        storage.serverSettings().value(RegistrationModes::settingKey());
    if (!stored)
        return stored.error();
    return stored->has_value()
        ? RegistrationModes::fromString(**stored).value_or(RegistrationMode::Open)
        : RegistrationMode::Open;
}

QJsonObject settingsJson(RegistrationMode mode)
{
    return QJsonObject {{QStringLiteral("registration"), RegistrationModes::toString(mode)}};
}

// The optional lifetime of a new invite, from a body that may be empty.
Result<std::optional<qint64>> inviteHours(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return std::optional<qint64>();
    Result<QJsonObject> object = parseJsonObject(body);
    if (!object)
        return object.error();
    const QJsonValue hours = object->value(QStringLiteral("expiresInHours"));
    if (hours.isUndefined() || hours.isNull())
        return std::optional<qint64>();
    const double value = hours.toDouble(-1);
    if (!hours.isDouble() || value != double(qint64(value)) || value < 1
        || value > double(AdminApi::kMaxInviteHours))
        return badRequest(QStringLiteral("invalid_expiry"),
            QStringLiteral("\"expiresInHours\" must be a whole number from 1 to %1.")
                .arg(AdminApi::kMaxInviteHours));
    return std::optional<qint64>(qint64(value));
}

QJsonObject statsJson(const RealtimeHub &hub, const MessageWriter &writer, qint64 uptimeSeconds)
{
    const QJsonObject connections {{QStringLiteral("open"), hub.connectionCount()},
        {QStringLiteral("usersOnline"), hub.onlineUserCount()}};
    return QJsonObject {{QStringLiteral("uptimeSeconds"), double(uptimeSeconds)},
        {QStringLiteral("connections"), connections},
        {QStringLiteral("messageCommits"), writer.commitStats().toJson()}};
}

} // namespace

void AdminApi::registerRoutes(Router &router)
{
    using M = QHttpServerRequest::Method;
    const auto auth = Router::Access::Authenticated;
    router.add(M::Post, QStringLiteral("/api/admin/invites"), auth,
        [this](ApiRequest r) { return createInvite(std::move(r)); });
    router.add(M::Get, QStringLiteral("/api/admin/invites"), auth,
        [this](ApiRequest r) { return listInvites(std::move(r)); });
    router.add(M::Delete, QStringLiteral("/api/admin/invites/:id"), auth,
        [this](ApiRequest r) { return deleteInvite(std::move(r)); });
    router.add(M::Get, QStringLiteral("/api/admin/settings"), auth,
        [this](ApiRequest r) { return settings(std::move(r)); });
    router.add(M::Put, QStringLiteral("/api/admin/settings"), auth,
        [this](ApiRequest r) { return changeSettings(std::move(r)); });
    router.add(M::Get, QStringLiteral("/api/admin/stats"), auth,
        [this](ApiRequest r) { return stats(std::move(r)); });
}

QCoro::Task<ApiResponse> AdminApi::createInvite(ApiRequest request)
{
    Result<std::optional<qint64>> hours = inviteHours(request.body);
    if (!hours)
        co_return ApiResponse::error(hours.error());
    const qint64 me = request.userId;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime expiresAt = hours->has_value() ? now.addSecs(**hours * 3600) : QDateTime();
    const QString code = InviteCode::generate();
    const QByteArray hash = InviteCode::hash(code);
    auto inviteTask = m_context.database.run<StoredInvite>(
        [me, hash, now, expiresAt](Storage &storage) -> Result<StoredInvite> {
            if (Result<void> allowed = requireAdmin(storage, me); !allowed)
                return allowed.error();
            return storage.invites().create(hash, me, now, expiresAt);
        });
    Result<StoredInvite> invite = co_await inviteTask;
    if (!invite)
        co_return ApiResponse::error(invite.error());
    QJsonObject json = inviteToJson(*invite, now);
    json.insert(QStringLiteral("code"), code);
    co_return ApiResponse::json(201, json);
}

QCoro::Task<ApiResponse> AdminApi::listInvites(ApiRequest request)
{
    const qint64 me = request.userId;
    auto invitesTask = m_context.database.run<QList<StoredInvite>>(
        [me](Storage &storage) -> Result<QList<StoredInvite>> {
            if (Result<void> allowed = requireAdmin(storage, me); !allowed)
                return allowed.error();
            return storage.invites().list();
        });
    Result<QList<StoredInvite>> invites = co_await invitesTask;
    if (!invites)
        co_return ApiResponse::error(invites.error());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QJsonArray array;
    for (const StoredInvite &invite : *invites)
        array.append(inviteToJson(invite, now));
    co_return ApiResponse::json(200, QJsonObject {{QStringLiteral("invites"), array}});
}

QCoro::Task<ApiResponse> AdminApi::deleteInvite(ApiRequest request)
{
    const qint64 me = request.userId;
    const qint64 id = request.ids.at(0);
    auto removedTask = m_context.database.run<bool>([me, id](Storage &storage) -> Result<bool> {
        if (Result<void> allowed = requireAdmin(storage, me); !allowed)
            return allowed.error();
        return storage.invites().remove(id);
    });
    Result<bool> removed = co_await removedTask;
    if (!removed)
        co_return ApiResponse::error(removed.error());
    if (!*removed)
        co_return ApiResponse::error(notFound(
            QStringLiteral("invite_not_found"), QStringLiteral("There is no such invite.")));
    co_return ApiResponse::noContent();
}

QCoro::Task<ApiResponse> AdminApi::settings(ApiRequest request)
{
    const qint64 me = request.userId;
    auto modeTask = m_context.database.run<RegistrationMode>(
        [me](Storage &storage) -> Result<RegistrationMode> {
            if (Result<void> allowed = requireAdmin(storage, me); !allowed)
                return allowed.error();
            return storedMode(storage);
        });
    Result<RegistrationMode> mode = co_await modeTask;
    if (!mode)
        co_return ApiResponse::error(mode.error());
    co_return ApiResponse::json(200, settingsJson(*mode));
}

QCoro::Task<ApiResponse> AdminApi::changeSettings(ApiRequest request)
{
    Result<QJsonObject> body = parseJsonObject(request.body);
    if (!body)
        co_return ApiResponse::error(body.error());
    const QJsonValue registration = body->value(QStringLiteral("registration"));
    const std::optional<RegistrationMode> wanted = registration.isUndefined()
        ? std::optional<RegistrationMode>()
        : RegistrationModes::fromString(registration.toString());
    if (!registration.isUndefined() && !wanted)
        co_return ApiResponse::error(badRequest(QStringLiteral("invalid_registration"),
            QStringLiteral("\"registration\" must be \"open\" or \"invite\".")));
    const qint64 me = request.userId;
    auto modeTask = m_context.database.run<RegistrationMode>(
        [me, wanted](Storage &storage) -> Result<RegistrationMode> {
            if (Result<void> allowed = requireAdmin(storage, me); !allowed)
                return allowed.error();
            if (wanted) {
                if (Result<void> stored = storage.serverSettings().setValue(
                        RegistrationModes::settingKey(), RegistrationModes::toString(*wanted));
                    !stored)
                    return stored.error();
            }
            return storedMode(storage);
        });
    Result<RegistrationMode> mode = co_await modeTask;
    if (!mode)
        co_return ApiResponse::error(mode.error());
    co_return ApiResponse::json(200, settingsJson(*mode));
}

QCoro::Task<ApiResponse> AdminApi::stats(ApiRequest request)
{
    // Nothing of `this` is touched after the wait; the hub and the writer are checked.
    QPointer<RealtimeHub> hub(&m_context.hub);
    QPointer<MessageWriter> writer(&m_context.messageWriter);
    const QElapsedTimer running = m_running;
    const qint64 me = request.userId;
    auto allowedTask = m_context.database.read<void>(
        [me](Storage &storage) -> Result<void> { return requireAdmin(storage, me); });
    Result<void> allowed = co_await allowedTask;
    if (!allowed)
        co_return ApiResponse::error(allowed.error());
    if (!hub || !writer)
        co_return ApiResponse::error(makeError(503, QStringLiteral("database_unavailable"),
            QStringLiteral("The server is shutting down.")));
    // Read on the event loop after the check: two counters and two histograms' atomics.
    const QJsonObject body = statsJson(*hub, *writer, running.elapsed() / 1000);
    co_return ApiResponse::json(200, body);
}

} // namespace Confab::Server
