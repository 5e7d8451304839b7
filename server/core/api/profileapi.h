#pragma once

#include "server/core/api/servercontext.h"
#include "server/core/http/router.h"
#include "server/core/media/avatarprocessor.h"

namespace Confab::Server {

/// Changing your own profile: name, bio and picture, and uploading, serving and removing
/// avatars. Every change is announced as USER_UPDATED to the user's contacts and devices.
class ProfileApi
{
public:
    static constexpr int kMaxBioLength = 500;
    static constexpr int kMaxUrlLength = 2048;
    static constexpr qint64 kMaxAvatarBytes = 2 * 1024 * 1024;

    explicit ProfileApi(ServerContext context)
        : m_context(context)
    { }
    void registerRoutes(Router &router);

    /// The path of a user's uploaded picture, versioned by its digest so that caches may keep it.
    static QString avatarUrl(qint64 userId, const QString &digest);

private:
    QCoro::Task<ApiResponse> updateProfile(ApiRequest request);
    QCoro::Task<ApiResponse> uploadAvatar(ApiRequest request);
    QCoro::Task<ApiResponse> deleteAvatar(ApiRequest request);
    QCoro::Task<ApiResponse> avatar(ApiRequest request);

    ServerContext m_context;
    AvatarProcessor m_processor;
};

} // namespace Confab::Server
