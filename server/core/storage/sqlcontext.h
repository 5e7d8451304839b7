#pragma once

#include "server/core/storage/databaseconfig.h"

#include <QSqlDatabase>

namespace Confab::Server {

/// One open connection and its dialect, owned by the thread that opened it.
struct SqlContext
{
    QSqlDatabase db;
    SqlDialect dialect = SqlDialect::Sqlite;
};

} // namespace Confab::Server
