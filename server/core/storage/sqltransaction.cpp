#include "server/core/storage/sqltransaction.h"

#include "server/core/storage/sqlutil.h"
#include "server/core/storage/storagelog.h"

namespace Confab::Server {

SqlTransaction::~SqlTransaction()
{
    if (m_open && !m_context.db.rollback())
        qCWarning(lcStorage) << "rollback failed:" << m_context.db.lastError().text();
}

Result<void> SqlTransaction::begin()
{
    if (m_context.dialect == SqlDialect::Sqlite) {
        // IMMEDIATE takes the write lock up front: a deferred transaction that reads and then
        // writes can fail with SQLITE_BUSY without waiting for busy_timeout.
        QSqlQuery query(m_context.db);
        if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return Sql::failure(query.lastError(), "BEGIN IMMEDIATE");
    } else if (!m_context.db.transaction()) {
        return Sql::failure(m_context.db.lastError(), "BEGIN");
    }
    m_open = true;
    return {};
}

Result<void> SqlTransaction::commit()
{
    if (!m_context.db.commit())
        return Sql::failure(m_context.db.lastError(), "COMMIT");
    m_open = false;
    return {};
}

} // namespace Confab::Server
