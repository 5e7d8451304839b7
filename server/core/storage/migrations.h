#pragma once

#include "server/core/storage/databaseconfig.h"

#include <QList>
#include <QStringList>

namespace Confab::Server {

/// One step of the schema. Statements are separate because QSQLITE runs only the first
/// statement of a string; each dialect has its own because types and identity columns differ.
struct Migration
{
    int version = 0;
    QString name;
    QStringList sqlite;
    QStringList postgres;

    const QStringList &statements(SqlDialect dialect) const
    {
        return dialect == SqlDialect::Sqlite ? sqlite : postgres;
    }
};

/// Every migration this Confab knows, in ascending version order. Never edit a released one:
/// add a new version instead.
const QList<Migration> &allMigrations();

} // namespace Confab::Server
