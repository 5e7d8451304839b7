#pragma once

#include "server/core/storage/sqlcontext.h"

#include "common/result.h"

namespace Confab::Server {

/// A transaction that rolls back unless committed, so every early error return is safe.
class SqlTransaction
{
public:
    explicit SqlTransaction(SqlContext &context)
        : m_context(context)
    { }
    ~SqlTransaction();
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;

    Result<void> begin();
    Result<void> commit();

private:
    SqlContext &m_context;
    bool m_open = false;
};

} // namespace Confab::Server
