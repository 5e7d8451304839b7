#pragma once

#include "server/core/storage/databaseconfig.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <QVariantList>

namespace Confab::Server::Sql {

/// Logs the driver's text and returns a generic 500: driver messages are for operators only.
Error failure(const QSqlError &error, const char *what);
/// Prepares `sql`, binds `values` in order and runs it.
Result<void> exec(
    QSqlQuery &query, const QString &sql, const QVariantList &values, const char *what);
/// A UNIQUE (or primary key) constraint rejected the statement, on either dialect.
bool isUniqueViolation(const QSqlError &error);

/// "?, ?, ?" for an IN list of `count` values.
QString placeholders(qsizetype count);

qint64 toMs(const QDateTime &time);
/// A nullable BIGINT time column: NULL for an invalid time.
QVariant msOrNull(const QDateTime &time);
/// Reads a nullable BIGINT time column: invalid QDateTime for NULL.
QDateTime timeOrInvalid(const QVariant &value);
/// A nullable TEXT column: NULL for an empty string.
QVariant textOrNull(const QString &text);

} // namespace Confab::Server::Sql
