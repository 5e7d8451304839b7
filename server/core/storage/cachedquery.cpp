#include "server/core/storage/cachedquery.h"

#include "server/core/storage/sqlutil.h"

namespace Confab::Server {

CachedQuery::CachedQuery(SqlContext &context, const QString &sql)
    : m_sql(sql)
{
    StatementCache::Entry *kept = context.statements ? context.statements->entry(sql) : nullptr;
    if (kept && !kept->inUse) {
        m_entry = kept;
        m_entry->inUse = true;
        m_query = &m_entry->query;
    } else {
        m_own.emplace(context.db, context.dialect);
        m_query = &m_own->query;
    }
}

CachedQuery::~CachedQuery()
{
    m_query->finish();
    if (m_entry)
        m_entry->inUse = false;
}

Result<void> CachedQuery::exec(const QVariantList &values, const char *what)
{
    StatementCache::Entry &statement = m_entry ? *m_entry : *m_own;
    if (!statement.prepared) {
        if (!m_query->prepare(m_sql))
            return Sql::failure(m_query->lastError(), what);
        statement.prepared = true;
    }
    for (qsizetype i = 0; i < values.size(); ++i)
        m_query->bindValue(int(i), values.at(i));
    if (!m_query->exec()) {
        // Prepared again on the next use: PostgreSQL may no longer have the statement (the
        // connection was reset, or a schema change invalidated its plan).
        statement.prepared = false;
        return Sql::failure(m_query->lastError(), what);
    }
    return {};
}

} // namespace Confab::Server
