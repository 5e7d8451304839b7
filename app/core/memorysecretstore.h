#pragma once

#include "app/core/secretstore.h"

#include <QHash>

namespace Confab::Client {

/// Secrets kept in memory for this run only: the fallback when no keychain is available,
/// and the store of tests.
class MemorySecretStore : public SecretStore
{
public:
    QCoro::Task<Result<QString>> readSecret(QString key) override;
    QCoro::Task<Result<void>> writeSecret(QString key, QString secret) override;
    QCoro::Task<Result<void>> removeSecret(QString key) override;

    /// What is stored now, for tests.
    QString peek(const QString &key) const { return m_secrets.value(key); }

private:
    QHash<QString, QString> m_secrets;
};

} // namespace Confab::Client
