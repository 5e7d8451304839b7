#include "server/core/storage/sqlutil.h"

#include "server/core/storage/storagelog.h"

#include "common/timeformat.h"

namespace Confab::Server::Sql {

Error failure(const QSqlError &error, const char *what)
{
    qCWarning(lcStorage).nospace() << what << " failed: " << error.text() << " (native code "
                                   << error.nativeErrorCode() << ")";
    return internalError(QStringLiteral("The server could not access its database."));
}

Result<void> exec(
    QSqlQuery &query, const QString &sql, const QVariantList &values, const char *what)
{
    if (!query.prepare(sql))
        return failure(query.lastError(), what);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return failure(query.lastError(), what);
    return {};
}

bool isUniqueViolation(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    // PostgreSQL reports the SQLSTATE; SQLite its (possibly extended) result code:
    // 19 SQLITE_CONSTRAINT, 1555 ..._PRIMARYKEY, 2067 ..._UNIQUE.
    if (code == QLatin1String("23505") || code == QLatin1String("1555")
        || code == QLatin1String("2067"))
        return true;
    return code == QLatin1String("19")
        && error.databaseText().contains(QLatin1String("UNIQUE"), Qt::CaseInsensitive);
}

QString placeholders(qsizetype count)
{
    QString text;
    text.reserve(count * 3);
    for (qsizetype i = 0; i < count; ++i)
        text += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
    return text;
}

qint64 toMs(const QDateTime &time)
{
    return time.toMSecsSinceEpoch();
}

QVariant msOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch())
                          : QVariant(QMetaType::fromType<qint64>());
}

QDateTime timeOrInvalid(const QVariant &value)
{
    return value.isNull() ? QDateTime() : fromEpochMs(value.toLongLong());
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace Confab::Server::Sql
