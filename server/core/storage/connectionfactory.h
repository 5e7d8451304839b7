#pragma once

#include "server/core/storage/sqlcontext.h"

#include "common/result.h"

namespace Confab::Server {

/// Opens a connection named `connectionName` on the calling thread, with Confab's settings
/// (SQLite pragmas, PostgreSQL connect timeout). The error is one line for operators.
Result<SqlContext> openConnection(const DatabaseConfig &config, const QString &connectionName);
/// Closes and forgets a connection; `context` must be the last handle to it.
void closeConnection(SqlContext &&context);
/// A connection name no other connection in this process uses.
QString uniqueConnectionName(const QString &purpose);

} // namespace Confab::Server
