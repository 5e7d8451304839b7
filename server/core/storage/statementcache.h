#pragma once

#include "server/core/storage/databaseconfig.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>

namespace Confab::Server {

/// The statements of one connection that are run again and again (a conversation list's
/// queries, a user by id, presence contacts), each prepared on first use and kept:
/// preparing compiles the SQL every time on SQLite (a fifth of a reader's time in a reconnect
/// storm) and costs two extra round trips on PostgreSQL (prepare, deallocate). Lives and
/// dies with its connection, on the connection's thread. Used through CachedQuery.
class StatementCache
{
public:
    /// More distinct statements than this are run unprepared-once instead of kept.
    static constexpr qsizetype kCapacity = 128;

    struct Entry
    {
        Entry(const QSqlDatabase &db, SqlDialect dialect);
        QSqlQuery query;
        bool prepared = false;
        bool inUse = false; ///< a CachedQuery holds it; a nested use gets its own query
    };

    StatementCache(QSqlDatabase db, SqlDialect dialect)
        : m_db(std::move(db))
        , m_dialect(dialect)
    { }
    StatementCache(const StatementCache &) = delete;
    StatementCache &operator=(const StatementCache &) = delete;

    /// The kept entry for `sql`, made on first use; nullptr when the cache is full.
    Entry *entry(const QString &sql);
    /// Drops every statement; due before the connection closes.
    void clear() { m_entries.clear(); }
    qsizetype size() const { return m_entries.size(); }

private:
    QSqlDatabase m_db;
    SqlDialect m_dialect;
    QHash<QString, std::shared_ptr<Entry>> m_entries;
};

} // namespace Confab::Server
