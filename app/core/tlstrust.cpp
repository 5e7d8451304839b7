#include "app/core/tlstrust.h"

#include "app/core/certificatepinstore.h"
#include "app/core/logging.h"

#include <QStringList>

namespace Confab::Client {

TlsTrust::TlsTrust(CertificatePinStore *pins, QObject *parent)
    : QObject(parent)
    , m_pins(pins ? pins : new CertificatePinStore({}, this))
{ }

QString TlsTrust::fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

Error TlsTrust::errorFor(const Refusal &refusal)
{
    if (refusal.kind == Refusal::Kind::Changed)
        return makeError(0, QStringLiteral("certificate_changed"),
            QStringLiteral("The server's certificate has changed since you trusted it: it was %1 "
                           "and is now %2. Someone may be intercepting the connection; trust the "
                           "new certificate only if the server's operator confirms it.")
                .arg(refusal.pinnedFingerprint, refusal.fingerprint));
    return makeError(0, QStringLiteral("certificate_untrusted"),
        QStringLiteral("The server's certificate is not signed by an authority this computer "
                       "trusts. Its SHA-256 fingerprint is %1; trust it only if it matches the "
                       "one the server shows.")
            .arg(refusal.fingerprint));
}

bool TlsTrust::isCertificateError(const Error &error)
{
    return error.code == QLatin1String("certificate_untrusted")
        || error.code == QLatin1String("certificate_changed")
        || error.code == QLatin1String("certificate_mismatch");
}

namespace {

/// "ab:cd…", "ABCD…": the same fingerprint.
QString normalised(const QString &fingerprint)
{
    QString plain = fingerprint.toUpper();
    plain.remove(QLatin1Char(':'));
    return plain.trimmed();
}

Error mismatch(const QString &presented, const QString &announced)
{
    return makeError(0, QStringLiteral("certificate_mismatch"),
        QStringLiteral("The server's certificate (%1) is not the one announced on the local "
                       "network (%2). Another computer may be answering in its place: do not "
                       "connect, and ask whoever runs the server.")
            .arg(presented, announced));
}

} // namespace

Result<void> TlsTrust::check(
    const QUrl &server, const QSslCertificate &presented, const QList<QSslError> &errors)
{
    QSslCertificate certificate = presented;
    if (certificate.isNull() && !errors.isEmpty())
        certificate = errors.first().certificate();
    const QString key = CertificatePinStore::serverKey(server);
    const QString presentedFingerprint =
        certificate.isNull() ? QString() : fingerprint(certificate);
    const QString announced = m_announced.value(key);
    if (!announced.isEmpty() && normalised(presentedFingerprint) != normalised(announced)) {
        qCWarning(lcTls) << "refusing the certificate of" << key << presentedFingerprint
                         << ": the server announced" << announced;
        m_refusals.remove(key);
        return mismatch(presentedFingerprint, announced);
    }
    const QString pinned = m_pins->pinnedFingerprint(server);
    if (!presentedFingerprint.isEmpty() && presentedFingerprint == pinned) {
        // The user trusts exactly this certificate for this server, whatever Qt thinks of it.
        m_refusals.remove(key);
        return {};
    }

    Refusal refusal;
    refusal.kind = pinned.isEmpty() ? Refusal::Kind::Untrusted : Refusal::Kind::Changed;
    refusal.server = server;
    refusal.fingerprint = presentedFingerprint;
    refusal.pinnedFingerprint = pinned;
    QStringList reasons;
    for (const QSslError &error : errors)
        reasons.append(error.errorString());
    refusal.reason = reasons.join(QStringLiteral("; "));
    qCInfo(lcTls) << "refusing the certificate of" << key << presentedFingerprint << ':'
                  << refusal.reason;
    m_refusals.insert(key, refusal);
    Q_EMIT refused(refusal);
    return errorFor(refusal);
}

std::optional<TlsTrust::Refusal> TlsTrust::lastRefusal(const QUrl &server) const
{
    const auto it = m_refusals.constFind(CertificatePinStore::serverKey(server));
    if (it == m_refusals.cend())
        return std::nullopt;
    return *it;
}

void TlsTrust::expectAnnounced(const QUrl &server, const QString &fingerprint)
{
    const QString key = CertificatePinStore::serverKey(server);
    if (fingerprint.trimmed().isEmpty())
        m_announced.remove(key);
    else
        m_announced.insert(key, fingerprint.trimmed());
}

QString TlsTrust::announcedFingerprint(const QUrl &server) const
{
    return m_announced.value(CertificatePinStore::serverKey(server));
}

void TlsTrust::pin(const QUrl &server, const QString &fingerprint)
{
    m_pins->pin(server, fingerprint);
    m_refusals.remove(CertificatePinStore::serverKey(server));
    Q_EMIT pinned(server);
}

} // namespace Confab::Client
