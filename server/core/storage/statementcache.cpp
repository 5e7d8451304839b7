#include "server/core/storage/statementcache.h"

namespace Confab::Server {

StatementCache::Entry::Entry(const QSqlDatabase &db, SqlDialect dialect)
    : query(db)
{
    // SQLite reads rows straight from the statement, with no copy of every row in a cache,
    // and several statements may be read at once. PostgreSQL's forward-only results come
    // row by row over the connection and are lost when another query runs meanwhile, so
    // there the result is kept whole.
    query.setForwardOnly(dialect == SqlDialect::Sqlite);
}

StatementCache::Entry *StatementCache::entry(const QString &sql)
{
    if (const auto found = m_entries.constFind(sql); found != m_entries.constEnd())
        return found->get();
    if (m_entries.size() >= kCapacity)
        return nullptr;
    auto made = std::make_shared<Entry>(m_db, m_dialect);
    Entry *raw = made.get();
    m_entries.insert(sql, std::move(made));
    return raw;
}

} // namespace Confab::Server
