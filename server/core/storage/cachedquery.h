#pragma once

#include "common/result.h"
#include "server/core/storage/sqlcontext.h"
#include "server/core/storage/statementcache.h"

#include <QSqlQuery>
#include <QVariantList>

#include <optional>

namespace Confab::Server {

/// One run of a statement kept in its connection's StatementCache: prepared on first use,
/// then only bound and run. When it goes out of scope the
/// statement is finished, so an SQLite reader lets go of its snapshot between jobs (a
/// statement left open would keep the WAL from being checkpointed). A nested use of the same
/// SQL, or a connection without a cache, gets a query of its own. On PostgreSQL the last
/// result stays in memory until the statement runs again (finish() does not free it there).
class CachedQuery
{
public:
    CachedQuery(SqlContext &context, const QString &sql);
    ~CachedQuery();
    CachedQuery(const CachedQuery &) = delete;
    CachedQuery &operator=(const CachedQuery &) = delete;

    /// Binds `values` in order and runs the statement.
    Result<void> exec(const QVariantList &values, const char *what);

    QSqlQuery &operator*() { return *m_query; }
    QSqlQuery *operator->() { return m_query; }

private:
    QString m_sql;
    StatementCache::Entry *m_entry = nullptr;
    std::optional<StatementCache::Entry> m_own;
    QSqlQuery *m_query = nullptr;
};

} // namespace Confab::Server
