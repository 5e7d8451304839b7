#include "server/core/admin/invitecode.h"

#include <QCryptographicHash>

#include <sodium.h>

namespace Confab::Server::InviteCode {

namespace {
constexpr int kRandomBytes = 16;
constexpr int kCodeLength = 22;

bool isUrlSafeBase64(QChar c)
{
    return (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
        || (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
        || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-')
        || c == QLatin1Char('_');
}
} // namespace

QString generate()
{
    QByteArray bytes(kRandomBytes, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(bytes.size()));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray hash(const QString &code)
{
    if (code.size() != kCodeLength)
        return {};
    for (const QChar c : code) {
        if (!isUrlSafeBase64(c))
            return {};
    }
    return QCryptographicHash::hash(code.toLatin1(), QCryptographicHash::Sha256).toHex();
}

} // namespace Confab::Server::InviteCode
