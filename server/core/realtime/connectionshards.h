#pragma once

#include "server/core/realtime/connectionshard.h"
#include "server/core/realtime/realtimesettings.h"

#include <QObject>

#include <functional>
#include <vector>

class QThread;

namespace Confab::Server {

/// The hub's connection threads, one ConnectionShard each: fan-outs are written by every
/// thread at once, and reading, handshakes and pings spread over the cores. With no threads
/// (RealtimeSettings::connectionThreads 0) one shard lives on the hub's own thread; the hub
/// talks to it the same way, through posted calls.
class ConnectionShards
{
public:
    explicit ConnectionShards(const RealtimeSettings &settings);
    /// Deletes every connection in its own thread, then ends the threads.
    ~ConnectionShards();
    ConnectionShards(const ConnectionShards &) = delete;
    ConnectionShards &operator=(const ConnectionShards &) = delete;

    /// The shard for a new connection (they take turns).
    ConnectionShard *next();
    const std::vector<ConnectionShard *> &all() const { return m_shards; }
    /// How many threads RealtimeSettings::connectionThreads asks for on this machine.
    static int threadCount(const RealtimeSettings &settings);

    /// Runs `call` in the shard's thread, after everything posted to it before.
    template<typename Call>
    static void post(ConnectionShard *shard, Call &&call)
    {
        QMetaObject::invokeMethod(shard, std::forward<Call>(call), Qt::QueuedConnection);
    }
    /// Runs `call` for every shard in its thread, and returns once all have run it.
    void runEverywhereAndWait(const std::function<void(ConnectionShard &)> &call);

private:
    std::vector<ConnectionShard *> m_shards;
    std::vector<QThread *> m_threads;
    size_t m_next = 0;
};

} // namespace Confab::Server
