#pragma once

#include "server/core/api/servercontext.h"
#include "server/core/http/router.h"
#include "server/core/storage/conversationerrors.h"

namespace Confab::Server {

/// Listing, starting and reading conversations. Only participants ever see one.
class ConversationApi
{
public:
    static constexpr int kMaxParticipants = 1000;
    static constexpr int kMaxTitleLength = 100;

    explicit ConversationApi(ServerContext context)
        : m_context(context)
    { }
    void registerRoutes(Router &router);

private:
    QCoro::Task<ApiResponse> list(ApiRequest request);
    QCoro::Task<ApiResponse> create(ApiRequest request);
    QCoro::Task<ApiResponse> get(ApiRequest request);

    ServerContext m_context;
};

} // namespace Confab::Server
