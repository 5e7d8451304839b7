#pragma once

#include "common/message.h"
#include "common/user.h"

#include <QSqlQuery>

namespace Confab::Server::Rows {

/// The columns readUser() expects, qualified by a table alias ("u.id, u.username, ...").
QString userColumns(QLatin1String alias);
/// Reads the userColumns() that start at `first`.
User readUser(const QSqlQuery &query, int first);
constexpr int userColumnCount = 7;

/// The columns readMessage() expects, qualified by a table alias.
QString messageColumns(QLatin1String alias);
/// Reads the messageColumns() that start at `first`; a deleted message reads as a tombstone.
Message readMessage(const QSqlQuery &query, int first);
constexpr int messageColumnCount = 8;

} // namespace Confab::Server::Rows
