#pragma once

#include "common/result.h"

#include <QString>

namespace Confab::Server {

enum class SqlDialect { Sqlite, Postgres };

/// Where the data lives, parsed from a database URL:
/// `sqlite:/path/to/file.db` or `postgres://user:password@host:port/dbname`.
struct DatabaseConfig
{
    SqlDialect dialect = SqlDialect::Sqlite;
    QString sqlitePath;
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString databaseName;

    static Result<DatabaseConfig> fromUrl(const QString &url);
    /// The URL with the password masked, for logs and error messages.
    QString describe() const;
};

} // namespace Confab::Server
