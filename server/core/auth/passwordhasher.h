#pragma once

#include "common/result.h"

#include <QCoroTask>
#include <QString>
#include <QThreadPool>

namespace Confab::Server {

/// Argon2id hashing (libsodium, interactive limits) on its own thread pool: a hash costs
/// ~56 ms of CPU, which must never run on the event loop.
class PasswordHasher
{
public:
    /// `threads`: how many hashes may run at once; keep one core for the event loop.
    explicit PasswordHasher(int threads);
    ~PasswordHasher();

    /// Initialises libsodium; false when it cannot be used.
    static bool initialize();

    QCoro::Task<Result<QString>> hash(QString password);
    /// False for a wrong password or a malformed hash. An empty hash is checked against a
    /// dummy one, so that unknown users cost as much time as known ones.
    QCoro::Task<bool> verify(QString hash, QString password);

    /// Synchronous forms, for admin commands and start-up (not for the event loop).
    static Result<QString> hashNow(const QString &password);
    static bool verifyNow(const QString &hash, const QString &password);

private:
    QThreadPool m_pool;
};

} // namespace Confab::Server
