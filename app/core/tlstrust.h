#pragma once

#include "common/result.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>
#include <QUrl>

#include <optional>

namespace Confab::Client {

class CertificatePinStore;

/// Decides whether to go on with a TLS connection whose certificate Qt could not verify, for
/// HttpTransport and RealtimeClient alike (they ask from their sslErrors handlers).
///
/// A certificate the system's authorities accept never gets here and is used as usual. Any
/// other one is accepted only when it is the very certificate pinned for that server; an
/// unknown one is refused with `certificate_untrusted`, a different one for a pinned server
/// with `certificate_changed`, so that the user can compare fingerprints and decide (pin()).
/// A certificate that differs from the one the server announced on the network is refused
/// with `certificate_mismatch`, which the user is not offered to trust.
class TlsTrust : public QObject
{
    Q_OBJECT
public:
    /// Why a certificate was refused, with what the user needs to decide.
    struct Refusal
    {
        enum class Kind { Untrusted, Changed };
        Kind kind = Kind::Untrusted;
        QUrl server;
        QString fingerprint; ///< of the certificate presented
        QString pinnedFingerprint; ///< of the one trusted before (Changed only)
        QString reason; ///< what Qt found wrong, for logs
    };

    /// `pins` may be null: pins are then kept in memory for this run. It must outlive this.
    explicit TlsTrust(CertificatePinStore *pins = nullptr, QObject *parent = nullptr);

    static QString fingerprint(const QSslCertificate &certificate);
    /// The error a refusal becomes: `certificate_untrusted` or `certificate_changed`, status 0,
    /// a message naming the fingerprint(s).
    static Error errorFor(const Refusal &refusal);
    static bool isCertificateError(const Error &error);

    /// Called from an sslErrors handler: success means ignore these errors and go on.
    Result<void> check(
        const QUrl &server, const QSslCertificate &presented, const QList<QSslError> &errors);

    /// The last refusal for `server` (host and port), until the user pins or it is accepted.
    std::optional<Refusal> lastRefusal(const QUrl &server) const;
    /// Trusts `fingerprint` for `server` from now on (it replaces any earlier pin).
    void pin(const QUrl &server, const QString &fingerprint);
    /// The fingerprint `server` announced on the local network (DNS-SD TXT `fp`), for this
    /// run: a certificate other than that one is refused with `certificate_mismatch`, pinned
    /// or not (another computer may be answering in its name); the announced one still needs
    /// the user's trust (or a pin) like any other.
    void expectAnnounced(const QUrl &server, const QString &fingerprint);
    QString announcedFingerprint(const QUrl &server) const;
    CertificatePinStore &pins() { return *m_pins; }

Q_SIGNALS:
    /// A certificate was refused; the UI may ask the user about it.
    void refused(const Confab::Client::TlsTrust::Refusal &refusal);
    /// The user trusted a certificate for `server` (pin()): connections may try again now.
    void pinned(const QUrl &server);

private:
    CertificatePinStore *m_pins;
    QHash<QString, Refusal> m_refusals;
    QHash<QString, QString> m_announced;
};

} // namespace Confab::Client
