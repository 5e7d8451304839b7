#include "server/core/storage/database.h"

#include "server/core/storage/connectionfactory.h"
#include "server/core/storage/migrator.h"
#include "server/core/storage/sqlutil.h"
#include "server/core/storage/storagelog.h"

#include <QSqlQuery>

namespace Confab::Server {

namespace {

// SQLite allows one writer at a time, so more workers would only wait on its lock.
int workersFor(SqlDialect dialect)
{
    return dialect == SqlDialect::Sqlite ? 1 : 4;
}

// SQLite readers do not wait for the writer or each other in WAL mode: jobs that only read
// (conversation lists, history, READY) run on these, one per core, so a storm of catch-ups
// is not queued behind every write. PostgreSQL's workers already run side by side.
int readerCount(SqlDialect dialect)
{
    return dialect == SqlDialect::Sqlite ? qMax(2, QThread::idealThreadCount()) : 0;
}

Result<void> migrate(const DatabaseConfig &config)
{
    SqlContext context;
    {
        // Scoped: a copy of the connection left in the Result would keep it "in use" when
        // closeConnection() removes it.
        Result<SqlContext> opened =
            openConnection(config, uniqueConnectionName(QStringLiteral("migrate")));
        if (!opened)
            return opened.error();
        context = *opened;
    }
    Result<int> migrated = Migrator(context).migrate();
    closeConnection(std::move(context));
    if (!migrated)
        return migrated.error();
    return {};
}

} // namespace

Database::Database(DatabaseConfig config)
    : m_config(std::move(config))
{ }

Database::~Database()
{
    close();
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseConfig &config)
{
    if (Result<void> migrated = migrate(config); !migrated)
        return migrated.error();

    std::unique_ptr<Database> database(new Database(config));
    const int count = workersFor(config.dialect);
    for (int i = 0; i < count; ++i) {
        auto worker = std::make_unique<DatabaseWorker>(
            config, uniqueConnectionName(QStringLiteral("worker")));
        if (Result<void> started = worker->start(); !started)
            return started.error(); // the workers already started stop in ~Database
        database->m_workers.push_back(std::move(worker));
    }
    const int readers = readerCount(config.dialect);
    for (int i = 0; i < readers; ++i) {
        auto reader = std::make_unique<DatabaseWorker>(config,
            uniqueConnectionName(QStringLiteral("reader")), DatabaseWorker::Access::ReadOnly);
        if (Result<void> started = reader->start(); !started)
            return started.error();
        database->m_readers.push_back(std::move(reader));
    }
    qCInfo(lcStorage).noquote() << "opened" << config.describe() << "with" << count << "workers and"
                                << readers << "readers";
    return database;
}

DatabaseWorker &Database::nextWorker()
{
    Q_ASSERT(!m_workers.empty());
    return *m_workers[m_next.fetch_add(1, std::memory_order_relaxed) % m_workers.size()];
}

DatabaseWorker &Database::nextReader()
{
    if (m_readers.empty())
        return nextWorker();
    return *m_readers[m_nextReader.fetch_add(1, std::memory_order_relaxed) % m_readers.size()];
}

QCoro::Task<Result<void>> Database::ping()
{
    auto reachableTask = run<void>([](Storage &storage) -> Result<void> {
        QSqlQuery query(storage.context().db);
        if (!query.exec(QStringLiteral("SELECT 1")) || !query.next())
            return Sql::failure(query.lastError(), "ping");
        return {};
    });
    Result<void> reachable = co_await reachableTask;
    co_return reachable;
}

void Database::close()
{
    for (auto &reader : m_readers)
        reader->stop();
    m_readers.clear();
    for (auto &worker : m_workers)
        worker->stop();
    m_workers.clear();
}

} // namespace Confab::Server
