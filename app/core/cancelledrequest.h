#pragma once

#include "app/core/httptransport.h"
#include "common/result.h"

#include <QCoroTask>

namespace Confab::Client {

/// A request that was never sent because the session is gone: a finished task answering
/// `cancelled`, awaited where the API call would have been, so the caller's usual failure path
/// runs (the same answer its requests get when the session goes away while they are under way).
template<typename T>
QCoro::Task<Result<T>> cancelledRequest()
{
    Result<T> cancelled(HttpTransport::cancelledError());
    co_return cancelled;
}

} // namespace Confab::Client
