#include "app/core/memorysecretstore.h"

namespace Confab::Client {

QCoro::Task<Result<QString>> MemorySecretStore::readSecret(QString key)
{
    co_return m_secrets.value(key);
}

QCoro::Task<Result<void>> MemorySecretStore::writeSecret(QString key, QString secret)
{
    m_secrets.insert(key, secret);
    co_return Result<void>();
}

QCoro::Task<Result<void>> MemorySecretStore::removeSecret(QString key)
{
    m_secrets.remove(key);
    co_return Result<void>();
}

} // namespace Confab::Client
