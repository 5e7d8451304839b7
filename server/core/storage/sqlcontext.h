#pragma once

#include "server/core/storage/databaseconfig.h"

#include "server/core/storage/statementcache.h"

#include <QSqlDatabase>

#include <memory>

namespace Confab::Server {

/// One open connection and its dialect, owned by the thread that opened it.
struct SqlContext
{
    QSqlDatabase db;
    SqlDialect dialect = SqlDialect::Sqlite;
    /// Statements kept prepared on this connection (see CachedQuery); null when not opened
    /// by openConnection.
    std::shared_ptr<StatementCache> statements;
};

} // namespace Confab::Server
