#include "server/core/admin/backupcommand.h"

#include "server/core/admin/admininvocation.h"
#include "server/core/storage/connectionfactory.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace Confab::Server {

namespace {

// VACUUM INTO writes a consistent, compacted snapshot through SQLite's own locking, so the
// server may keep writing (WAL) while it runs.
int backupSqlite(AdminInvocation &invocation, const DatabaseConfig &config, const QString &target)
{
    if (!QFileInfo::exists(config.sqlitePath))
        return invocation.fail(
            QStringLiteral("There is no database at %1 to back up.").arg(config.sqlitePath));
    SqlContext context;
    {
        Result<SqlContext> opened =
            openConnection(config, uniqueConnectionName(QStringLiteral("backup")));
        if (!opened)
            return invocation.fail(opened.error().message);
        context = *opened;
    }
    QString failure;
    {
        QSqlQuery query(context.db);
        if (!query.prepare(QStringLiteral("VACUUM INTO ?")))
            failure = query.lastError().text();
        else {
            query.addBindValue(target);
            if (!query.exec())
                failure = query.lastError().text();
        }
    }
    closeConnection(std::move(context));
    if (!failure.isEmpty())
        return invocation.fail(QStringLiteral("The backup to %1 failed: %2").arg(target, failure));
    invocation.out() << "Backed up " << config.sqlitePath << " to " << target << '.' << Qt::endl;
    return 0;
}

} // namespace

int runBackupCommand(AdminInvocation &invocation)
{
    const QCommandLineOption to(QStringLiteral("to"),
        QStringLiteral("The new backup file (must not exist yet)."), QStringLiteral("FILE"));
    invocation.parser().setApplicationDescription(QStringLiteral(
        "Writes a consistent snapshot of a SQLite database, also while the server runs. "
        "For PostgreSQL it explains how to use pg_dump instead."));
    invocation.parser().addOption(to);
    if (std::optional<int> done = invocation.parse(0, QString()))
        return *done;
    if (!invocation.parser().isSet(to) || invocation.parser().value(to).isEmpty())
        return invocation.fail(QStringLiteral("backup needs --to FILE."), 2);
    const QString target = QFileInfo(invocation.parser().value(to)).absoluteFilePath();
    if (QFileInfo::exists(target))
        return invocation.fail(
            QStringLiteral("%1 already exists; choose a new file name.").arg(target), 2);

    Result<DatabaseConfig> config = invocation.database();
    if (!config)
        return invocation.fail(config.error().message, 2);
    if (config->dialect == SqlDialect::Postgres)
        return invocation.fail(
            QStringLiteral("The database is PostgreSQL (%1); back it up with its own tools, "
                           "e.g. pg_dump --format=custom --file=confab.dump %2 (see "
                           "docs/deployment.md). Nothing was written.")
                .arg(config->describe(), config->databaseName));
    return backupSqlite(invocation, *config, target);
}

} // namespace Confab::Server
