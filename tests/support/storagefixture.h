#pragma once

#include "server/core/storage/database.h"
#include "tests/support/testdatabase.h"

#include "common/user.h"

#include <QCoroTask>
#include <QDateTime>
#include <QObject>
#include <QVariantList>

#include <functional>
#include <memory>
#include <optional>

namespace Confab::Testing {

/// What the storage tests share: a fresh database for every test function, opened through
/// Database in init() and dropped in cleanup(), jobs run on it to their end, raw SQL for
/// set-up and checks, and a fixed clock. Test classes derive from it instead of QObject.
class StorageFixture : public QObject
{
    Q_OBJECT

public:
    /// The fixed moment the tests' timestamps count from.
    static QDateTime t0();
    static QDateTime at(qint64 secondsAfterT0) { return t0().addSecs(secondsAfterT0); }

private Q_SLOTS:
    /// Makes a fresh database of the kind the test run names and opens it.
    void init();
    /// Closes the database and drops it.
    void cleanup();

protected:
    /// Closes the database and opens the same one again, as a restarted server would.
    Result<void> reopen();
    /// Closes the database but keeps it, for tests that open it themselves.
    void closeKeepingData() { m_db.reset(); }

    Server::Database &database() { return *m_db; }
    TestDatabase &testDatabase() { return *m_testDb; }

    /// Runs a job on the database and waits for it. QCoro::waitFor needs a default-
    /// constructible result, which Result<T> is not, hence the optional it is collected in.
    template<typename T>
    Result<T> run(std::function<Result<T>(Server::Storage &)> job)
    {
        std::optional<Result<T>> result;
        QCoro::waitFor(collect<T>(m_db.get(), std::move(job), &result));
        return std::move(*result);
    }
    /// As run(), on the database's read-only side.
    template<typename T>
    Result<T> read(std::function<Result<T>(Server::Storage &)> job)
    {
        std::optional<Result<T>> result;
        QCoro::waitFor(collectRead<T>(m_db.get(), std::move(job), &result));
        return std::move(*result);
    }
    /// Starts a job on `db` and stores its result in `out` when it ends (to run several at once).
    template<typename T>
    static QCoro::Task<> collect(Server::Database *db,
        std::function<Result<T>(Server::Storage &)> job, std::optional<Result<T>> *out)
    {
        out->emplace(co_await db->run<T>(std::move(job)));
    }
    template<typename T>
    static QCoro::Task<> collectRead(Server::Database *db,
        std::function<Result<T>(Server::Storage &)> job, std::optional<Result<T>> *out)
    {
        out->emplace(co_await db->read<T>(std::move(job)));
    }

    /// Runs SQL that no repository offers (test set-up only).
    Result<void> execRaw(const QString &sql, const QVariantList &values = {});
    /// The first column of the first row of a query.
    Result<qint64> scalar(const QString &sql, const QVariantList &values = {});
    /// Stores a user created at t0 (the display name defaults to the username); an empty
    /// user, with a warning, on failure.
    User addUser(const QString &username, const QString &displayName = {});

private:
    std::unique_ptr<TestDatabase> m_testDb;
    std::unique_ptr<Server::Database> m_db;
};

} // namespace Confab::Testing
