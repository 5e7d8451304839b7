#include "server/core/tls/selfsignedcertificate.h"

#include <QDir>
#include <QFile>
#include <QHostInfo>
#include <QNetworkInterface>
#include <QRegularExpression>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace Confab::Server {

namespace {

constexpr long kValiditySeconds = 10L * 365 * 24 * 60 * 60;
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kGroupOrOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
    | QFileDevice::ExeOther;

Error generationError(const QString &message)
{
    return makeError(2, QStringLiteral("tls_self_signed"), message);
}

template<typename T, void (*Free)(T *)>
struct OpenSslDeleter
{
    void operator()(T *pointer) const { Free(pointer); }
};
using PKeyPointer = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Pointer = std::unique_ptr<X509, OpenSslDeleter<X509, X509_free>>;
using BioPointer = std::unique_ptr<BIO, OpenSslDeleter<BIO, BIO_free_all>>;
using BigNumPointer = std::unique_ptr<BIGNUM, OpenSslDeleter<BIGNUM, BN_free>>;

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

bool addExtension(X509 *certificate, int nid, const QByteArray &value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.constData());
    if (!extension)
        return false;
    const bool added = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

QByteArray subjectAltName(const SelfSignedCertificate::Names &names)
{
    // Host names come from the system; anything that is not a DNS label would break the list.
    static const QRegularExpression dnsName(QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9.-]*)$"));
    QStringList entries;
    for (const QString &name : names.dnsNames) {
        const QString entry = QStringLiteral("DNS:") + name;
        if (dnsName.match(name).hasMatch() && !entries.contains(entry))
            entries.append(entry);
    }
    for (const QHostAddress &address : names.addresses) {
        const QString entry = QStringLiteral("IP:") + address.toString();
        if (!address.isNull() && address.scopeId().isEmpty() && !entries.contains(entry))
            entries.append(entry);
    }
    return entries.join(QLatin1Char(',')).toLatin1();
}

struct GeneratedPair
{
    QByteArray certificatePem;
    QByteArray keyPem;
};

Result<GeneratedPair> generate(const SelfSignedCertificate::Names &names)
{
    PKeyPointer key(EVP_EC_gen("P-256"));
    X509Pointer certificate(X509_new());
    BigNumPointer serial(BN_new());
    if (!key || !certificate || !serial)
        return generationError(QStringLiteral("Cannot generate a TLS key: out of memory."));

    X509_set_version(certificate.get(), 2); // X.509 v3, for the extensions
    if (BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1
        || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get())))
        return generationError(QStringLiteral("Cannot draw a certificate serial number."));
    // An hour of slack for clients whose clocks run a little behind.
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -60 * 60);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), kValiditySeconds);
    X509_set_pubkey(certificate.get(), key.get());

    const QByteArray commonName = names.dnsNames.value(0, QStringLiteral("localhost")).toUtf8();
    X509_NAME *subject = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(
        subject, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>("Confab"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
        reinterpret_cast<const unsigned char *>(commonName.constData()), -1, -1, 0);
    X509_set_issuer_name(certificate.get(), subject);

    const QByteArray alternativeNames = subjectAltName(names);
    if (!addExtension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE")
        || !addExtension(certificate.get(), NID_key_usage, "critical,digitalSignature,keyCertSign")
        || !addExtension(certificate.get(), NID_ext_key_usage, "serverAuth")
        || !addExtension(certificate.get(), NID_subject_key_identifier, "hash")
        || (!alternativeNames.isEmpty()
            && !addExtension(certificate.get(), NID_subject_alt_name, alternativeNames)))
        return generationError(QStringLiteral("Cannot add the certificate's extensions."));
    if (X509_sign(certificate.get(), key.get(), EVP_sha256()) <= 0)
        return generationError(QStringLiteral("Cannot sign the self-signed certificate."));

    BioPointer certificateBio(BIO_new(BIO_s_mem()));
    BioPointer keyBio(BIO_new(BIO_s_mem()));
    if (!certificateBio || !keyBio
        || PEM_write_bio_X509(certificateBio.get(), certificate.get()) != 1
        || PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
            != 1)
        return generationError(QStringLiteral("Cannot encode the certificate as PEM."));
    GeneratedPair pair;
    pair.certificatePem = bioContents(certificateBio.get());
    pair.keyPem = bioContents(keyBio.get());
    return pair;
}

Result<void> writeNewFile(const QString &path, const QByteArray &contents, bool secret)
{
    QFile file(path);
    // The permissions apply as the file is created: the key is never readable by others.
    const bool opened = secret ? file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly)
                               : file.open(QIODevice::WriteOnly | QIODevice::NewOnly);
    if (!opened || file.write(contents) != contents.size() || !file.flush())
        return generationError(QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace

SelfSignedCertificate::SelfSignedCertificate(QString certificateFile, QString keyFile, bool created)
    : m_certificateFile(std::move(certificateFile))
    , m_keyFile(std::move(keyFile))
    , m_created(created)
{ }

SelfSignedCertificate::Names SelfSignedCertificate::defaultNames()
{
    Names names;
    names.dnsNames.append(QStringLiteral("localhost"));
    const QString hostName = QHostInfo::localHostName();
    if (!hostName.isEmpty() && hostName != QLatin1String("localhost")) {
        names.dnsNames.append(hostName);
        if (!hostName.contains(QLatin1Char('.')))
            names.dnsNames.append(hostName + QStringLiteral(".local"));
    }
    names.addresses.append(QHostAddress(QHostAddress::LocalHost));
    names.addresses.append(QHostAddress(QHostAddress::LocalHostIPv6));
    const QList<QHostAddress> all = QNetworkInterface::allAddresses();
    for (const QHostAddress &address : all) {
        if (!address.isLoopback() && !address.isLinkLocal() && !names.addresses.contains(address))
            names.addresses.append(address);
    }
    return names;
}

Result<SelfSignedCertificate> SelfSignedCertificate::ensure(const QString &directory)
{
    return ensure(directory, defaultNames());
}

Result<SelfSignedCertificate> SelfSignedCertificate::ensure(
    const QString &directory, const Names &names)
{
    const QDir dir(directory);
    if (!dir.exists() && !QDir().mkpath(directory))
        return generationError(QStringLiteral("Cannot create the directory %1.").arg(directory));
    const QString certificateFile = dir.absoluteFilePath(QStringLiteral("server-certificate.pem"));
    const QString keyFile = dir.absoluteFilePath(QStringLiteral("server-key.pem"));

    if (QFile::exists(certificateFile) && QFile::exists(keyFile)) {
        // Reused as it is; a key someone made readable to others is taken back.
        if ((QFile::permissions(keyFile) & kGroupOrOthers)
            && !QFile::setPermissions(keyFile, kOwnerOnly))
            return generationError(
                QStringLiteral("Cannot restrict the permissions of %1.").arg(keyFile));
        return SelfSignedCertificate(certificateFile, keyFile, false);
    }
    // Half a pair (an interrupted first start) is useless: both are made again.
    QFile::remove(certificateFile);
    QFile::remove(keyFile);

    Result<GeneratedPair> pair = generate(names);
    if (!pair)
        return pair.error();
    // The key first and the certificate last: a certificate file means the pair is complete.
    if (Result<void> written = writeNewFile(keyFile, pair->keyPem, true); !written)
        return written.error();
    if (Result<void> written = writeNewFile(certificateFile, pair->certificatePem, false); !written)
        return written.error();
    return SelfSignedCertificate(certificateFile, keyFile, true);
}

} // namespace Confab::Server
