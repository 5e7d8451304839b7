#include "server/core/storage/migrator.h"

#include "server/core/storage/sqltransaction.h"
#include "server/core/storage/storagelog.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Confab::Server {

namespace {

// Arbitrary, fixed: servers sharing one PostgreSQL database take turns migrating.
constexpr qint64 migrationLockKey = 0x436f6e666162; // "Confab"

} // namespace

Migrator::Migrator(SqlContext &context, QList<Migration> migrations)
    : m_context(context)
    , m_migrations(std::move(migrations))
{
    std::sort(m_migrations.begin(), m_migrations.end(),
        [](const Migration &a, const Migration &b) { return a.version < b.version; });
}

Error Migrator::failed(const QString &step, const QSqlError &error) const
{
    QString text = error.text();
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    qCWarning(lcStorage).noquote() << step << "failed:" << text;
    return internalError(QStringLiteral("%1 failed: %2").arg(step, text.simplified()));
}

Result<void> Migrator::lockAgainstOtherServers(bool lock)
{
    if (m_context.dialect != SqlDialect::Postgres)
        return {}; // SQLite's file lock (BEGIN IMMEDIATE) already serialises writers
    QSqlQuery query(m_context.db);
    query.prepare(lock ? QStringLiteral("SELECT pg_advisory_lock(?)")
                       : QStringLiteral("SELECT pg_advisory_unlock(?)"));
    query.addBindValue(migrationLockKey);
    if (!query.exec())
        return failed(QStringLiteral("taking the migration lock"), query.lastError());
    return {};
}

Result<void> Migrator::ensureVersionTable()
{
    QSqlQuery query(m_context.db);
    const QString sql = m_context.dialect == SqlDialect::Sqlite
        ? QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY "
                         "KEY, applied_at INTEGER NOT NULL) STRICT")
        : QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY "
                         "KEY, applied_at BIGINT NOT NULL)");
    if (!query.exec(sql))
        return failed(QStringLiteral("creating the schema_migrations table"), query.lastError());
    return {};
}

Result<int> Migrator::highestAppliedVersion()
{
    QSqlQuery query(m_context.db);
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))
        || !query.next())
        return failed(QStringLiteral("reading the schema version"), query.lastError());
    return query.value(0).toInt();
}

Result<bool> Migrator::apply(const Migration &migration)
{
    const QString step =
        QStringLiteral("database migration %1 (%2)").arg(migration.version).arg(migration.name);
    SqlTransaction transaction(m_context);
    if (Result<void> begun = transaction.begin(); !begun)
        return internalError(step + QStringLiteral(" could not start a transaction"));

    // Another server may have applied it while this one waited for the lock.
    QSqlQuery check(m_context.db);
    check.prepare(QStringLiteral("SELECT 1 FROM schema_migrations WHERE version = ?"));
    check.addBindValue(migration.version);
    if (!check.exec())
        return failed(step, check.lastError());
    if (check.next())
        return false;
    check.finish();

    for (const QString &statement : migration.statements(m_context.dialect)) {
        QSqlQuery query(m_context.db);
        if (!query.exec(statement))
            return failed(step, query.lastError());
    }
    QSqlQuery record(m_context.db);
    record.prepare(
        QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"));
    record.addBindValue(migration.version);
    record.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!record.exec())
        return failed(step, record.lastError());
    if (Result<void> committed = transaction.commit(); !committed)
        return failed(step, m_context.db.lastError());
    qCInfo(lcStorage).noquote() << "applied" << step;
    return true;
}

Result<int> Migrator::migrate()
{
    if (Result<void> locked = lockAgainstOtherServers(true); !locked)
        return locked.error();
    struct Unlock
    {
        Migrator *migrator;
        ~Unlock()
        {
            if (Result<void> unlocked = migrator->lockAgainstOtherServers(false); !unlocked)
                qCWarning(lcStorage) << "could not release the migration lock";
        }
    } unlock {this};

    if (Result<void> created = ensureVersionTable(); !created)
        return created.error();
    Result<int> highest = highestAppliedVersion();
    if (!highest)
        return highest.error();
    const int known = m_migrations.isEmpty() ? 0 : m_migrations.constLast().version;
    if (*highest > known)
        return internalError(QStringLiteral("database schema version %1 is newer than this Confab "
                                            "(knows up to %2); upgrade Confab")
                                 .arg(*highest)
                                 .arg(known));
    int applied = 0;
    for (const Migration &migration : std::as_const(m_migrations)) {
        if (migration.version <= *highest)
            continue;
        Result<bool> done = apply(migration);
        if (!done)
            return done.error();
        applied += *done ? 1 : 0;
    }
    return applied;
}

} // namespace Confab::Server
