#pragma once

#include "server/core/storage/sqlcontext.h"

#include "common/result.h"

#include <optional>

namespace Confab::Server {

/// Server-wide settings an administrator can change while the server runs, as key and text.
class ServerSettingRepository
{
public:
    explicit ServerSettingRepository(SqlContext &context)
        : m_context(context)
    { }

    /// nullopt when the setting was never stored.
    Result<std::optional<QString>> value(const QString &key);
    /// As value(), and holds the row until the transaction ends (PostgreSQL), so that work
    /// depending on the setting is done one at a time.
    Result<std::optional<QString>> valueForUpdate(const QString &key);
    Result<void> setValue(const QString &key, const QString &value);

private:
    Result<std::optional<QString>> read(const QString &sql, const QString &key);

    SqlContext &m_context;
};

} // namespace Confab::Server
