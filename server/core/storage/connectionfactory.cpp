#include "server/core/storage/connectionfactory.h"

#include "server/core/storage/storagelog.h"

#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace Confab::Server {

namespace {

QString oneLine(QString text)
{
    return text.replace(QLatin1Char('\n'), QLatin1Char(' ')).simplified();
}

// Each line is needed for a reason given beside it.
const char *const sqlitePragmas[] = {
    "PRAGMA journal_mode=WAL", // readers do not block the writer
    "PRAGMA foreign_keys=ON", // off by default in SQLite
    "PRAGMA synchronous=FULL", // an acknowledged message survives a crash
    "PRAGMA busy_timeout=5000", // wait for the migrating or another process's connection
    "PRAGMA secure_delete=ON", // deleted text does not linger in free pages
};

} // namespace

QString uniqueConnectionName(const QString &purpose)
{
    static std::atomic<quint64> counter {0};
    return QStringLiteral("confab-%1-%2").arg(purpose, QString::number(++counter));
}

Result<SqlContext> openConnection(const DatabaseConfig &config, const QString &connectionName)
{
    SqlContext context;
    context.dialect = config.dialect;
    const bool sqlite = config.dialect == SqlDialect::Sqlite;
    context.db = QSqlDatabase::addDatabase(
        sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), connectionName);
    if (!context.db.isValid()) {
        const QString message = QStringLiteral("cannot load the Qt SQL driver for %1: %2")
                                    .arg(config.describe(), oneLine(context.db.lastError().text()));
        closeConnection(std::move(context));
        return internalError(message);
    }
    if (sqlite) {
        context.db.setDatabaseName(config.sqlitePath);
    } else {
        context.db.setHostName(config.host);
        context.db.setPort(config.port);
        context.db.setUserName(config.user);
        context.db.setPassword(config.password);
        context.db.setDatabaseName(config.databaseName);
        // An unreachable server must fail start-up quickly, not hang for minutes. libpq prints
        // the server's notices on stderr by itself, past the structured log: keep only
        // warnings (e.g. not "relation already exists, skipping" on every start).
        context.db.setConnectOptions(
            QStringLiteral("connect_timeout=5;options='-c client_min_messages=warning'"));
    }
    if (!context.db.open()) {
        const QString message = QStringLiteral("cannot open the database %1: %2")
                                    .arg(config.describe(), oneLine(context.db.lastError().text()));
        closeConnection(std::move(context));
        return internalError(message);
    }
    if (sqlite) {
        for (const char *pragma : sqlitePragmas) {
            QSqlQuery query(context.db);
            if (!query.exec(QLatin1String(pragma))) {
                const QString message = QStringLiteral("cannot configure the database %1 (%2): %3")
                                            .arg(config.describe(), QLatin1String(pragma),
                                                oneLine(query.lastError().text()));
                query = QSqlQuery();
                closeConnection(std::move(context));
                return internalError(message);
            }
        }
    }
    context.statements = std::make_shared<StatementCache>(context.db, context.dialect);
    return context;
}

void closeConnection(SqlContext &&context)
{
    if (context.statements) {
        context.statements->clear(); // the queries go before their connection
        context.statements.reset();
    }
    const QString name = context.db.connectionName();
    context.db.close();
    context.db = QSqlDatabase();
    if (!name.isEmpty())
        QSqlDatabase::removeDatabase(name);
}

} // namespace Confab::Server
