#pragma once

#include "server/core/storage/migrations.h"
#include "server/core/storage/sqlcontext.h"

#include "common/result.h"

namespace Confab::Server {

/// Brings a database's schema up to date at start-up. Each migration runs in its own
/// transaction and is recorded in schema_migrations(version, applied_at). Errors carry a
/// one-line message for the operator.
class Migrator
{
public:
    explicit Migrator(SqlContext &context, QList<Migration> migrations = allMigrations());

    /// Applies the pending migrations; returns how many were applied. Refuses a database
    /// whose schema is newer than the newest migration known here.
    Result<int> migrate();

private:
    Result<int> highestAppliedVersion();
    Result<void> ensureVersionTable();
    Result<bool> apply(const Migration &migration);
    Result<void> lockAgainstOtherServers(bool lock);
    Error failed(const QString &step, const QSqlError &error) const;

    SqlContext &m_context;
    QList<Migration> m_migrations;
};

} // namespace Confab::Server
