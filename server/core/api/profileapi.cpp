#include "server/core/api/profileapi.h"

#include "server/core/api/presence.h"
#include "server/core/api/requestparsing.h"
#include "server/core/auth/credentialrules.h"
#include "server/core/realtime/realtimehub.h"
#include "server/core/storage/database.h"
#include "server/core/storage/sqltransaction.h"

#include "common/events.h"
#include "common/profilerequests.h"
#include "common/textlength.h"

#include <QLocale>
#include <QUrl>

namespace Confab::Server {

namespace {

/// What a profile change did: the user as they are now, and who must hear of it.
struct ProfileChange
{
    ProfileChange() = default;
    // A constructor, not aggregate initialisation: GCC 12 mis-copies aggregates made in coroutines.
    ProfileChange(User u, bool c, QList<qint64> contacts)
        : user(std::move(u))
        , changed(c)
        , contactIds(std::move(contacts))
    { }

    User user;
    bool changed = false;
    QList<qint64> contactIds;
};

Error userGone()
{
    return notFound(QStringLiteral("user_not_found"), QStringLiteral("There is no such user."));
}

Error invalidUrl()
{
    return badRequest(QStringLiteral("invalid_url"),
        QStringLiteral("profilePictureUrl must be empty or an absolute http or https URL of at "
                       "most %1 characters.")
            .arg(ProfileApi::kMaxUrlLength));
}

bool isValidPictureUrl(const QString &text)
{
    if (text.isEmpty())
        return true;
    if (characterCount(text) > ProfileApi::kMaxUrlLength)
        return false;
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    return url.isValid() && !url.isRelative() && !url.host().isEmpty()
        && (scheme == QLatin1String("http") || scheme == QLatin1String("https"));
}

/// Runs `edit` on the user's current profile in one transaction, writes the result when it
/// differs, and finds who must be told. `edit` returns the new profile or an error.
template<typename Edit>
Result<ProfileChange> editProfile(Storage &storage, qint64 userId, Edit edit)
{
    SqlTransaction transaction(storage.context());
    if (Result<void> begun = transaction.begin(); !begun)
        return begun.error();
    Result<std::optional<User>> current = storage.users().findById(userId);
    if (!current)
        return current.error();
    if (!current->has_value())
        return userGone();
    Result<User> updated = edit(**current);
    if (!updated)
        return updated.error();
    ProfileChange change(*updated, *updated != **current, {});
    if (change.changed) {
        Result<void> saved = storage.users().setProfile(
            userId, updated->displayName, updated->bio, updated->profilePictureUrl);
        if (!saved)
            return saved.error();
        Result<QList<qint64>> contacts = storage.conversations().contactIds(userId);
        if (!contacts)
            return contacts.error();
        change.contactIds = std::move(contacts).value();
    }
    if (Result<void> committed = transaction.commit(); !committed)
        return committed.error();
    return change;
}

/// USER_UPDATED to the user's contacts and to all of the user's own devices.
void announce(RealtimeHub &hub, ProfileChange &change)
{
    applyPresence(hub, change.user);
    if (change.changed)
        hub.sendToUsers(
            change.contactIds << change.user.id, UserUpdatedEvent(change.user).toEnvelope());
}

bool etagMatches(const QByteArray &ifNoneMatch, const QByteArray &etag)
{
    for (const QByteArray &candidate : ifNoneMatch.split(',')) {
        QByteArray tag = candidate.trimmed();
        if (tag == "*")
            return true;
        if (tag.startsWith("W/"))
            tag = tag.mid(2); // weak comparison, as RFC 9110 asks for If-None-Match
        if (tag == etag)
            return true;
    }
    return false;
}

/// The picture, or 304 when the client holds it already. Versioned URLs (`?v=` of the current
/// digest) never change content and may be cached for a year; others must be revalidated.
ApiResponse avatarResponse(const StoredAvatar &avatar, const ApiRequest &request)
{
    const QByteArray etag = '"' + avatar.digest.toLatin1() + '"';
    const bool versioned = !avatar.digest.isEmpty()
        && request.query.queryItemValue(QStringLiteral("v")) == avatar.digest.left(16);
    ApiResponse response;
    response.headers.append({QByteArrayLiteral("ETag"), etag});
    response.headers.append({QByteArrayLiteral("Last-Modified"),
        QLocale::c()
            .toString(avatar.updatedAt.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
            .toLatin1()});
    // private: the picture is only for signed-in users, so shared caches must not keep it.
    response.headers.append({QByteArrayLiteral("Cache-Control"),
        versioned ? QByteArrayLiteral("private, max-age=31536000, immutable")
                  : QByteArrayLiteral("private, no-cache")});
    if (etagMatches(request.ifNoneMatch, etag)) {
        response.status = 304;
        response.contentType.clear();
        return response;
    }
    response.status = 200;
    response.body = avatar.bytes;
    response.contentType = avatar.contentType;
    return response;
}

} // namespace

void ProfileApi::registerRoutes(Router &router)
{
    using M = QHttpServerRequest::Method;
    const auto auth = Router::Access::Authenticated;
    router.add(M::Patch, QStringLiteral("/api/users/me"), auth,
        [this](ApiRequest r) { return updateProfile(std::move(r)); });
    router.add(M::Put, QStringLiteral("/api/users/me/avatar"), auth,
        [this](ApiRequest r) { return uploadAvatar(std::move(r)); });
    router.add(M::Delete, QStringLiteral("/api/users/me/avatar"), auth,
        [this](ApiRequest r) { return deleteAvatar(std::move(r)); });
    router.add(M::Get, QStringLiteral("/api/users/:id/avatar"), auth,
        [this](ApiRequest r) { return avatar(std::move(r)); });
}

QString ProfileApi::avatarUrl(qint64 userId, const QString &digest)
{
    // 16 hex digits of the digest are plenty to tell one user's pictures apart.
    return QStringLiteral("/api/users/%1/avatar?v=%2").arg(userId).arg(digest.left(16));
}

QCoro::Task<ApiResponse> ProfileApi::updateProfile(ApiRequest request)
{
    Result<UpdateProfileRequest> body = parseBody<UpdateProfileRequest>(request);
    if (!body)
        co_return ApiResponse::error(body.error());
    std::optional<QString> displayName;
    if (body->displayName) {
        Result<QString> normalised = CredentialRules::normaliseDisplayName(*body->displayName);
        if (!normalised)
            co_return ApiResponse::error(normalised.error());
        displayName = *normalised;
    }
    std::optional<QString> bio;
    if (body->bio) {
        bio = body->bio->trimmed();
        if (characterCount(*bio) > kMaxBioLength)
            co_return ApiResponse::error(badRequest(QStringLiteral("invalid_bio"),
                QStringLiteral("A bio has at most %1 characters.").arg(kMaxBioLength)));
    }
    const std::optional<QString> url = body->profilePictureUrl;
    // Sending back the current value (also the server's own relative avatar URL) is no change.
    const bool urlValid = !url || isValidPictureUrl(*url);

    const qint64 me = request.userId;
    auto changeTask = m_context.database.run<ProfileChange>(
        [me, displayName, bio, url, urlValid](Storage &storage) {
            return editProfile(storage, me, [&](User user) -> Result<User> {
                if (displayName)
                    user.displayName = *displayName;
                if (bio)
                    user.bio = *bio;
                if (url && *url != user.profilePictureUrl) {
                    if (!urlValid)
                        return invalidUrl();
                    user.profilePictureUrl = *url;
                    // The picture now lives elsewhere (or nowhere): the uploaded one is unused.
                    Result<bool> removed = storage.avatars().remove(me);
                    if (!removed)
                        return removed.error();
                }
                return user;
            });
        });
    Result<ProfileChange> change = co_await changeTask;
    if (!change)
        co_return ApiResponse::error(change.error());
    announce(m_context.hub, *change);
    co_return ApiResponse::json(200, change->user.toJson());
}

QCoro::Task<ApiResponse> ProfileApi::uploadAvatar(ApiRequest request)
{
    const std::optional<QByteArray> format = AvatarProcessor::formatFor(request.contentType);
    if (!format)
        co_return ApiResponse::error(makeError(415, QStringLiteral("unsupported_media_type"),
            QStringLiteral("Send the picture as image/png, image/jpeg or image/webp.")));
    auto imageTask = m_processor.process(std::move(request.body), *format);
    Result<ProcessedImage> image = co_await imageTask;
    if (!image)
        co_return ApiResponse::error(image.error());

    const qint64 me = request.userId;
    const StoredAvatar avatar(
        image->contentType, image->bytes, image->digest, QDateTime::currentDateTimeUtc());
    const QString url = avatarUrl(me, image->digest);
    auto changeTask = m_context.database.run<ProfileChange>([me, avatar, url](Storage &storage) {
        return editProfile(storage, me, [&](User user) -> Result<User> {
            if (Result<void> stored = storage.avatars().put(me, avatar); !stored)
                return stored.error();
            user.profilePictureUrl = url;
            return user;
        });
    });
    Result<ProfileChange> change = co_await changeTask;
    if (!change)
        co_return ApiResponse::error(change.error());
    announce(m_context.hub, *change);
    co_return ApiResponse::json(200, change->user.toJson());
}

QCoro::Task<ApiResponse> ProfileApi::deleteAvatar(ApiRequest request)
{
    const qint64 me = request.userId;
    auto changeTask = m_context.database.run<ProfileChange>([me](Storage &storage) {
        return editProfile(storage, me, [&](User user) -> Result<User> {
            Result<bool> removed = storage.avatars().remove(me);
            if (!removed)
                return removed.error();
            // Only an uploaded picture is cleared; a URL set by PATCH has no stored avatar.
            if (*removed)
                user.profilePictureUrl.clear();
            return user;
        });
    });
    Result<ProfileChange> change = co_await changeTask;
    if (!change)
        co_return ApiResponse::error(change.error());
    announce(m_context.hub, *change);
    co_return ApiResponse::noContent();
}

QCoro::Task<ApiResponse> ProfileApi::avatar(ApiRequest request)
{
    const qint64 userId = request.ids.at(0);
    auto avatarTask = m_context.database.run<std::optional<StoredAvatar>>(
        [userId](Storage &storage) { return storage.avatars().find(userId); });
    Result<std::optional<StoredAvatar>> avatar = co_await avatarTask;
    if (!avatar)
        co_return ApiResponse::error(avatar.error());
    if (!avatar->has_value())
        co_return ApiResponse::error(notFound(QStringLiteral("avatar_not_found"),
            QStringLiteral("This user has no uploaded picture.")));
    co_return avatarResponse(**avatar, request);
}

} // namespace Confab::Server
