#include "server/core/auth/passwordhasher.h"

#include "server/core/auth/backgroundcpupriority.h"

#include <QCoroFuture>
#include <QtConcurrent>

#include <sodium.h>

namespace Confab::Server {

namespace {
// Verified against when the user does not exist, so both paths take the same time.
const QByteArray &dummyHash()
{
    static const QByteArray hash = [] {
        char out[crypto_pwhash_STRBYTES];
        const QByteArray password = QByteArrayLiteral("confab-timing-equaliser");
        if (crypto_pwhash_str(out, password.constData(), quint64(password.size()),
                crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE)
            != 0)
            return QByteArray();
        return QByteArray(out);
    }();
    return hash;
}
} // namespace

PasswordHasher::PasswordHasher(int threads)
{
    m_pool.setMaxThreadCount(qMax(1, threads));
}

PasswordHasher::~PasswordHasher()
{
    m_pool.waitForDone();
}

bool PasswordHasher::initialize()
{
    return sodium_init() >= 0;
}

Result<QString> PasswordHasher::hashNow(const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, utf8.constData(), quint64(utf8.size()),
            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0)
        return internalError(QStringLiteral("The password could not be hashed (out of memory)."));
    return QString::fromLatin1(out);
}

bool PasswordHasher::verifyNow(const QString &hash, const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    const QByteArray stored = hash.isEmpty() ? dummyHash() : hash.toLatin1();
    const bool match = !stored.isEmpty()
        && crypto_pwhash_str_verify(stored.constData(), utf8.constData(), quint64(utf8.size()))
            == 0;
    return match && !hash.isEmpty();
}

QCoro::Task<Result<QString>> PasswordHasher::hash(QString password)
{
    // The future is named before it is awaited: see "Coroutines" in docs/architecture.md.
    QFuture<Result<QString>> future = QtConcurrent::run(&m_pool, [password] {
        lowerCurrentThreadCpuPriority();
        return hashNow(password);
    });
    Result<QString> hashed = co_await future;
    co_return hashed;
}

QCoro::Task<bool> PasswordHasher::verify(QString hash, QString password)
{
    QFuture<bool> future = QtConcurrent::run(&m_pool, [hash, password] {
        lowerCurrentThreadCpuPriority();
        return verifyNow(hash, password);
    });
    const bool match = co_await future;
    co_return match;
}

} // namespace Confab::Server
