#pragma once

#include "common/result.h"

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

namespace Confab::Server {

/// A server certificate (with any intermediates) and its private key, read from PEM files and
/// checked to belong together.
class TlsCredentials
{
public:
    /// Fails with a one-line reason naming the file at fault.
    static Result<TlsCredentials> load(const QString &certificateFile, const QString &keyFile);

    /// The SHA-256 digest of a certificate's DER bytes as upper-case hex pairs joined by ':'.
    static QString fingerprint(const QSslCertificate &certificate);

    const QSslCertificate &certificate() const { return m_chain.first(); }
    QString fingerprint() const { return fingerprint(certificate()); }
    /// A server-side TLS configuration (TLS 1.2 or later) presenting these credentials.
    QSslConfiguration serverConfiguration() const;

private:
    TlsCredentials(QList<QSslCertificate> chain, QSslKey key);

    QList<QSslCertificate> m_chain;
    QSslKey m_key;
};

} // namespace Confab::Server
