#include "server/core/realtime/connectionshards.h"

#include <QAbstractEventDispatcher>
#include <QThread>

namespace Confab::Server {

ConnectionShards::ConnectionShards(const RealtimeSettings &settings)
{
    const int threads = threadCount(settings);
    if (threads == 0) {
        m_shards.push_back(new ConnectionShard(settings));
        post(m_shards.back(), [shard = m_shards.back()] { shard->start(); });
        return;
    }
    for (int i = 0; i < threads; ++i) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("confab-ws-%1").arg(i));
        if (settings.threadEventDispatcher) {
            if (QAbstractEventDispatcher *dispatcher = settings.threadEventDispatcher())
                thread->setEventDispatcher(dispatcher);
        }
        auto *shard = new ConnectionShard(settings);
        shard->moveToThread(thread);
        thread->start();
        post(shard, [shard] { shard->start(); });
        m_threads.push_back(thread);
        m_shards.push_back(shard);
    }
}

ConnectionShards::~ConnectionShards()
{
    runEverywhereAndWait([](ConnectionShard &shard) { shard.dropAll(); });
    for (QThread *thread : m_threads) {
        thread->quit();
        thread->wait();
    }
    // Their threads have ended (or they live on ours): nothing runs in them any more.
    for (ConnectionShard *shard : m_shards)
        delete shard;
    for (QThread *thread : m_threads)
        delete thread;
}

int ConnectionShards::threadCount(const RealtimeSettings &settings)
{
    if (settings.connectionThreads >= 0)
        return settings.connectionThreads;
    return qBound(1, QThread::idealThreadCount(), RealtimeSettings::kMaxConnectionThreads);
}

ConnectionShard *ConnectionShards::next()
{
    ConnectionShard *shard = m_shards[m_next];
    m_next = (m_next + 1) % m_shards.size();
    return shard;
}

void ConnectionShards::runEverywhereAndWait(const std::function<void(ConnectionShard &)> &call)
{
    for (ConnectionShard *shard : m_shards) {
        if (shard->thread() == QThread::currentThread())
            call(*shard);
        else
            QMetaObject::invokeMethod(
                shard, [shard, &call] { call(*shard); }, Qt::BlockingQueuedConnection);
    }
}

} // namespace Confab::Server
