#pragma once

#include "server/core/storage/databaseconfig.h"
#include "server/core/storage/databaseworker.h"

#include <QCoroFuture>
#include <QCoroTask>
#include <QFuture>
#include <QPromise>

#include <atomic>
#include <memory>
#include <vector>

namespace Confab::Server {

/// The server's database: worker threads with one connection each, so the event loop never
/// waits on SQL. Jobs are functions of a Storage that run on a worker and are awaited.
class Database
{
public:
    ~Database();

    /// Connects, applies pending migrations and starts the workers. Blocks: call at start-up.
    /// Fails with a clear message for an unreachable database or one from a newer version.
    static Result<std::unique_ptr<Database>> open(const DatabaseConfig &config);

    SqlDialect dialect() const { return m_config.dialect; }
    const DatabaseConfig &config() const { return m_config; }
    /// How many worker threads (and connections) run jobs.
    int workerCount() const { return int(m_workers.size()); }

    /// Runs `job` on a worker and resumes the caller on its own thread with the result.
    template<typename T>
    QCoro::Task<Result<T>> run(std::function<Result<T>(Storage &)> job)
    {
        return runOn<T>(nextWorker(), std::move(job));
    }

    /// As run(), for a job that only reads: on SQLite it runs on one of the read-only
    /// connections, beside the writer and each other (WAL lets readers see the last commit
    /// without waiting for the writer); on PostgreSQL on any worker.
    template<typename T>
    QCoro::Task<Result<T>> read(std::function<Result<T>(Storage &)> job)
    {
        return runOn<T>(nextReader(), std::move(job));
    }

    /// Runs `job` on a worker and waits for it. Blocks: for start-up and command-line tools,
    /// never for request handlers.
    template<typename T>
    Result<T> runBlocking(std::function<Result<T>(Storage &)> job)
    {
        auto promise = std::make_shared<QPromise<Result<T>>>();
        QFuture<Result<T>> future = promise->future();
        promise->start();
        nextWorker().post([promise, job = std::move(job)](Storage &storage) {
            promise->addResult(job(storage));
            promise->finish();
        });
        future.waitForFinished();
        if (future.resultCount() == 0)
            return internalError(QStringLiteral("The database closed before the job ran."));
        return future.result();
    }

    /// Answers whether the database can be reached (for /api/health).
    QCoro::Task<Result<void>> ping();

    /// Finishes every queued job and closes the connections.
    void close();

private:
    explicit Database(DatabaseConfig config);

    template<typename T>
    static QCoro::Task<Result<T>> runOn(
        DatabaseWorker &worker, std::function<Result<T>(Storage &)> job)
    {
        auto promise = std::make_shared<QPromise<Result<T>>>();
        QFuture<Result<T>> future = promise->future();
        promise->start();
        worker.post([promise, job = std::move(job)](Storage &storage) {
            promise->addResult(job(storage));
            promise->finish();
        });
        // See "Coroutines" in docs/architecture.md for why results are named before returning.
        Result<T> result = co_await future;
        co_return result;
    }

    DatabaseWorker &nextWorker();
    DatabaseWorker &nextReader();

    DatabaseConfig m_config;
    std::vector<std::unique_ptr<DatabaseWorker>> m_workers;
    std::vector<std::unique_ptr<DatabaseWorker>> m_readers; ///< SQLite only
    std::atomic<size_t> m_next {0};
    std::atomic<size_t> m_nextReader {0};
};

} // namespace Confab::Server
