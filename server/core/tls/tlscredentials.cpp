#include "server/core/tls/tlscredentials.h"

#include <QFile>
#include <QSslSocket>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace Confab::Server {

namespace {

Error tlsError(const QString &message)
{
    return makeError(2, QStringLiteral("tls_credentials"), message);
}

Result<QByteArray> readFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tlsError(QStringLiteral("Cannot read the TLS %1 file %2: %3")
                            .arg(what, path, file.errorString()));
    return file.readAll();
}

Result<QSslKey> parseKey(const QByteArray &pem, const QString &path)
{
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return tlsError(QStringLiteral("The TLS key file %1 holds no unencrypted PEM EC or RSA "
                                   "private key.")
                        .arg(path));
}

// Qt cannot compare a private key with a certificate's public key; libcrypto can, and a pair
// that does not match would otherwise only fail at the first handshake.
bool keyMatchesCertificate(const QByteArray &certificatePem, const QByteArray &keyPem)
{
    const std::unique_ptr<BIO, decltype(&BIO_free)> certificateBio(
        BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())), &BIO_free);
    const std::unique_ptr<BIO, decltype(&BIO_free)> keyBio(
        BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())), &BIO_free);
    if (!certificateBio || !keyBio)
        return false;
    const std::unique_ptr<X509, decltype(&X509_free)> certificate(
        PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr), &X509_free);
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
    return certificate && key && X509_check_private_key(certificate.get(), key.get()) == 1;
}

} // namespace

TlsCredentials::TlsCredentials(QList<QSslCertificate> chain, QSslKey key)
    : m_chain(std::move(chain))
    , m_key(std::move(key))
{ }

Result<TlsCredentials> TlsCredentials::load(const QString &certificateFile, const QString &keyFile)
{
    if (!QSslSocket::supportsSsl())
        return tlsError(QStringLiteral("TLS is not available: Qt found no TLS backend."));
    if (certificateFile.isEmpty() || keyFile.isEmpty())
        return tlsError(QStringLiteral("TLS needs both a certificate file and a key file."));
    Result<QByteArray> certificatePem = readFile(certificateFile, QStringLiteral("certificate"));
    if (!certificatePem)
        return certificatePem.error();
    const QList<QSslCertificate> chain = QSslCertificate::fromData(*certificatePem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return tlsError(QStringLiteral("The TLS certificate file %1 holds no PEM certificate.")
                            .arg(certificateFile));
    Result<QByteArray> keyPem = readFile(keyFile, QStringLiteral("key"));
    if (!keyPem)
        return keyPem.error();
    Result<QSslKey> key = parseKey(*keyPem, keyFile);
    if (!key)
        return key.error();
    if (!keyMatchesCertificate(*certificatePem, *keyPem))
        return tlsError(
            QStringLiteral("The TLS key in %1 does not belong to the certificate in %2.")
                .arg(keyFile, certificateFile));
    return TlsCredentials(chain, *key);
}

QString TlsCredentials::fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QSslConfiguration TlsCredentials::serverConfiguration() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(m_chain);
    configuration.setPrivateKey(m_key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

} // namespace Confab::Server
