#include "server/core/storage/serversettingrepository.h"

#include "server/core/storage/sqlutil.h"

namespace Confab::Server {

Result<std::optional<QString>> ServerSettingRepository::value(const QString &key)
{
    return read(QStringLiteral("SELECT value FROM server_settings WHERE key = ?"), key);
}

Result<std::optional<QString>> ServerSettingRepository::valueForUpdate(const QString &key)
{
    // SQLite has no row locks; its write transactions (BEGIN IMMEDIATE) already run one at a
    // time.
    if (m_context.dialect == SqlDialect::Sqlite)
        return value(key);
    return read(QStringLiteral("SELECT value FROM server_settings WHERE key = ? FOR UPDATE"), key);
}

Result<std::optional<QString>> ServerSettingRepository::read(const QString &sql, const QString &key)
{
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query, sql, {key}, "reading a server setting"); !ran)
        return ran.error();
    if (!query.next())
        return std::optional<QString>();
    return std::optional<QString>(query.value(0).toString());
}

Result<void> ServerSettingRepository::setValue(const QString &key, const QString &value)
{
    QSqlQuery query(m_context.db);
    return Sql::exec(query,
        QStringLiteral("INSERT INTO server_settings (key, value) VALUES (?, ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
        {key, value}, "storing a server setting");
}

} // namespace Confab::Server
