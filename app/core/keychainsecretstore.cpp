#include "app/core/keychainsecretstore.h"

#include <QCoroSignal>
#include <qt6keychain/keychain.h>

namespace Confab::Client {

namespace {

Error keychainError(const QKeychain::Job &job)
{
    return makeError(0, QStringLiteral("secret_store_unavailable"),
        QStringLiteral("The system keychain is not available: %1").arg(job.errorString()));
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString profile)
    : m_service(QStringLiteral("Confab/") + profile)
{ }

QCoro::Task<Result<QString>> KeychainSecretStore::readSecret(QString key)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(false); // read the result after finished, then delete
    job->setKey(key);
    auto finished = qCoro(job, &QKeychain::Job::finished);
    job->start();
    co_await finished;
    job->deleteLater();
    if (job->error() == QKeychain::EntryNotFound)
        co_return QString();
    if (job->error() != QKeychain::NoError)
        co_return keychainError(*job);
    co_return job->textData();
}

QCoro::Task<Result<void>> KeychainSecretStore::writeSecret(QString key, QString secret)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setAutoDelete(false); // read the result after finished, then delete
    job->setKey(key);
    job->setTextData(secret);
    auto finished = qCoro(job, &QKeychain::Job::finished);
    job->start();
    co_await finished;
    job->deleteLater();
    if (job->error() != QKeychain::NoError)
        co_return keychainError(*job);
    co_return Result<void>();
}

QCoro::Task<Result<void>> KeychainSecretStore::removeSecret(QString key)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setAutoDelete(false); // read the result after finished, then delete
    job->setKey(key);
    auto finished = qCoro(job, &QKeychain::Job::finished);
    job->start();
    co_await finished;
    job->deleteLater();
    if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
        co_return keychainError(*job);
    co_return Result<void>();
}

} // namespace Confab::Client
