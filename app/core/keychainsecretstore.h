#pragma once

#include "app/core/secretstore.h"

namespace Confab::Client {

/// Secrets in the operating system's keychain (QtKeychain: Secret Service, macOS Keychain,
/// Windows Credential Manager), under one service name per profile.
///
/// Fails with `secret_store_unavailable` when there is no keychain (e.g. headless Linux
/// without a Secret Service); the caller then falls back to a MemorySecretStore.
class KeychainSecretStore : public SecretStore
{
public:
    explicit KeychainSecretStore(QString profile);

    QString serviceName() const { return m_service; }

    QCoro::Task<Result<QString>> readSecret(QString key) override;
    QCoro::Task<Result<void>> writeSecret(QString key, QString secret) override;
    QCoro::Task<Result<void>> removeSecret(QString key) override;

private:
    QString m_service;
};

} // namespace Confab::Client
