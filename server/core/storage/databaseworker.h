#pragma once

#include "server/core/storage/databaseconfig.h"
#include "server/core/storage/storage.h"

#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

namespace Confab::Server {

/// A thread that owns one database connection and runs jobs on it in the order posted.
class DatabaseWorker : public QObject
{
    Q_OBJECT
public:
    using Job = std::function<void(Storage &)>;
    /// A read-only worker's connection refuses writes (SQLite's query_only): jobs that only
    /// read may run on several such connections beside SQLite's one writer.
    enum class Access { ReadWrite, ReadOnly };

    DatabaseWorker(
        DatabaseConfig config, QString connectionName, Access access = Access::ReadWrite);
    ~DatabaseWorker() override;

    /// Starts the thread and opens the connection there; blocks until it is open.
    Result<void> start();
    /// Queues a job; it runs on the worker thread. Jobs posted after stop() are dropped.
    void post(Job job);
    /// Runs every queued job, closes the connection and joins the thread.
    void stop();

private:
    DatabaseConfig m_config;
    QString m_connectionName;
    Access m_access;
    QThread m_thread;
    QObject *m_context = nullptr; ///< lives on m_thread; jobs are queued to it
    std::unique_ptr<Storage> m_storage; ///< only touched on m_thread
    std::atomic<bool> m_accepting {false};
};

} // namespace Confab::Server
