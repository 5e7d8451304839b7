#include "server/core/config/jwtsecret.h"

#include "server/core/config/optionsources.h"

#include <QDir>
#include <QFile>

#include <sodium.h>

namespace Confab::Server::JwtSecret {

Result<QByteArray> loadOrCreate(const QString &directory)
{
    if (!QDir().mkpath(directory))
        return internalError(QStringLiteral("Cannot create the data directory %1.").arg(directory));
    const QString path = directory + QStringLiteral("/jwt-secret");
    if (QFile::exists(path))
        return readSecretFile(path, QStringLiteral("JWT secret"));
    QByteArray random(32, Qt::Uninitialized);
    randombytes_buf(random.data(), size_t(random.size()));
    const QByteArray secret = random.toHex();
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(secret) != secret.size() || !file.flush())
        return internalError(QStringLiteral("Cannot write the JWT secret file %1: %2")
                                 .arg(path, file.errorString()));
    return secret;
}

} // namespace Confab::Server::JwtSecret
