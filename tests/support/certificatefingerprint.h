#pragma once

#include <QCryptographicHash>
#include <QSslCertificate>
#include <QString>

namespace Confab::Testing {

/// SHA-256 of the certificate as servers show it (AB:CD:…), for tests that pin it.
inline QString certificateFingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

} // namespace Confab::Testing
