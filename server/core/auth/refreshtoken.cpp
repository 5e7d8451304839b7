#include "server/core/auth/refreshtoken.h"

#include <QCryptographicHash>

#include <sodium.h>

namespace Confab::Server::RefreshToken {

QString generate()
{
    QByteArray bytes(32, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(bytes.size()));
    return QString::fromLatin1(bytes.toHex());
}

QByteArray hash(const QString &token)
{
    if (token.size() != 64)
        return {};
    for (const QChar c : token) {
        if (!c.isDigit() && !(c >= QLatin1Char('a') && c <= QLatin1Char('f')))
            return {};
    }
    return QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256).toHex();
}

} // namespace Confab::Server::RefreshToken
