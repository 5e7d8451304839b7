#include "tests/support/rawsql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Confab::Testing {

namespace {

bool prepareAndExec(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

} // namespace

Result<void> execSql(Server::Storage &storage, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(storage.context().db);
    if (!prepareAndExec(query, sql, values))
        return internalError(query.lastError().text());
    return {};
}

Result<qint64> scalarSql(Server::Storage &storage, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(storage.context().db);
    if (!prepareAndExec(query, sql, values) || !query.next())
        return internalError(query.lastError().text());
    return query.value(0).toLongLong();
}

} // namespace Confab::Testing
