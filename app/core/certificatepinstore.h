#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QUrl>

namespace Confab::Client {

/// The server certificates the user chose to trust, one SHA-256 fingerprint per server
/// (host and port), kept in a settings file of the profile. Fingerprints are public: they need
/// no secret store.
class CertificatePinStore : public QObject
{
    Q_OBJECT
public:
    /// Pins are read from and written to the INI file `settingsFile`; empty keeps them in
    /// memory for this run only.
    explicit CertificatePinStore(QString settingsFile = {}, QObject *parent = nullptr);

    /// "host:port" of a server URL (the default port of its scheme when none is given).
    static QString serverKey(const QUrl &server);

    /// The pinned fingerprint (AB:CD:…) of `server`, empty when none is.
    QString pinnedFingerprint(const QUrl &server) const;
    void pin(const QUrl &server, const QString &fingerprint);
    void forget(const QUrl &server);

Q_SIGNALS:
    void pinsChanged();

private:
    void save() const;

    QString m_settingsFile;
    QHash<QString, QString> m_pins;
};

} // namespace Confab::Client
