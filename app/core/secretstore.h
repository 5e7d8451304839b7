#pragma once

#include "common/result.h"

#include <QCoroTask>
#include <QString>

namespace Confab::Client {

/// Where the refresh token lives between runs. Asynchronous because OS keychains are.
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    /// The secret stored under `key`; an empty string when there is none.
    virtual QCoro::Task<Result<QString>> readSecret(QString key) = 0;
    virtual QCoro::Task<Result<void>> writeSecret(QString key, QString secret) = 0;
    /// Removing a secret that does not exist succeeds.
    virtual QCoro::Task<Result<void>> removeSecret(QString key) = 0;
};

} // namespace Confab::Client
