#include "server/core/storage/databaseconfig.h"

#include <QFileInfo>
#include <QUrl>

namespace Confab::Server {

namespace {

Error invalidUrl(QString message)
{
    // The URL itself is never echoed back: it may carry a password.
    return makeError(400, QStringLiteral("invalid_database_url"), std::move(message));
}

Result<DatabaseConfig> parseSqlite(const QString &rest)
{
    QString path = rest;
    // Accept the URL form sqlite:///abs/path.db as well as sqlite:/abs/path.db.
    if (path.startsWith(QLatin1String("//")))
        path = path.mid(2);
    if (path.isEmpty())
        return invalidUrl(QStringLiteral(
            "The SQLite database URL has no file path; use sqlite:/path/to/confab.db."));
    if (path == QLatin1String(":memory:"))
        return invalidUrl(QStringLiteral("In-memory SQLite databases are not supported: every "
                                         "connection would see its own empty database."));
    DatabaseConfig config;
    config.dialect = SqlDialect::Sqlite;
    config.sqlitePath = QFileInfo(path).absoluteFilePath();
    return config;
}

Result<DatabaseConfig> parsePostgres(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return invalidUrl(QStringLiteral("The PostgreSQL database URL is malformed; use "
                                         "postgres://user:password@host:port/dbname."));
    DatabaseConfig config;
    config.dialect = SqlDialect::Postgres;
    config.host = url.host();
    config.port = url.port(5432);
    config.user = url.userName(QUrl::FullyDecoded);
    config.password = url.password(QUrl::FullyDecoded);
    QString path = url.path(QUrl::FullyDecoded);
    if (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    config.databaseName = path;
    if (config.host.isEmpty())
        return invalidUrl(QStringLiteral("The PostgreSQL database URL has no host."));
    if (config.port <= 0 || config.port > 65535)
        return invalidUrl(QStringLiteral("The PostgreSQL database URL has an invalid port."));
    if (config.user.isEmpty())
        return invalidUrl(QStringLiteral("The PostgreSQL database URL has no user name."));
    if (config.databaseName.isEmpty() || config.databaseName.contains(QLatin1Char('/')))
        return invalidUrl(
            QStringLiteral("The PostgreSQL database URL must end with one database name."));
    if (url.hasQuery() || url.hasFragment())
        return invalidUrl(
            QStringLiteral("The PostgreSQL database URL must not have a query or fragment."));
    return config;
}

} // namespace

Result<DatabaseConfig> DatabaseConfig::fromUrl(const QString &url)
{
    const QString text = url.trimmed();
    if (text.startsWith(QLatin1String("sqlite:"), Qt::CaseInsensitive))
        return parseSqlite(text.mid(int(qstrlen("sqlite:"))));
    if (text.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive)
        || text.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive))
        return parsePostgres(text);
    return invalidUrl(QStringLiteral("Unsupported database URL; use sqlite:/path/to/confab.db or "
                                     "postgres://user:password@host:port/dbname."));
}

QString DatabaseConfig::describe() const
{
    if (dialect == SqlDialect::Sqlite)
        return QStringLiteral("sqlite:") + sqlitePath;
    const QString credentials = password.isEmpty() ? user : user + QStringLiteral(":***");
    return QStringLiteral("postgres://%1@%2:%3/%4")
        .arg(credentials, host, QString::number(port), databaseName);
}

} // namespace Confab::Server
