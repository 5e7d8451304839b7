#pragma once

#include "server/core/api/servercontext.h"
#include "server/core/http/router.h"

namespace Confab::Server {

/// Sending messages and reading history (keyset pages, never OFFSET).
class MessageApi
{
public:
    static constexpr int kMaxContentLength = 4000;
    static constexpr int kMaxClientMessageIdLength = 64;
    static constexpr int kDefaultPageSize = 50;
    static constexpr int kMaxPageSize = 100;

    /// Also relays every message the writer stores to its participants' connections.
    explicit MessageApi(ServerContext context);
    void registerRoutes(Router &router);

private:
    QCoro::Task<ApiResponse> send(ApiRequest request);
    QCoro::Task<ApiResponse> page(ApiRequest request);

    ServerContext m_context;
};

} // namespace Confab::Server
