#include "app/core/certificatepinstore.h"

#include <QSettings>

namespace Confab::Client {

namespace {
const QString kGroup = QStringLiteral("certificatePins");
} // namespace

CertificatePinStore::CertificatePinStore(QString settingsFile, QObject *parent)
    : QObject(parent)
    , m_settingsFile(std::move(settingsFile))
{
    if (m_settingsFile.isEmpty())
        return;
    QSettings settings(m_settingsFile, QSettings::IniFormat);
    const int count = settings.beginReadArray(kGroup);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        const QString server = settings.value(QStringLiteral("server")).toString();
        const QString fingerprint = settings.value(QStringLiteral("fingerprint")).toString();
        if (!server.isEmpty() && !fingerprint.isEmpty())
            m_pins.insert(server, fingerprint);
    }
    settings.endArray();
}

QString CertificatePinStore::serverKey(const QUrl &server)
{
    const int defaultPort =
        server.scheme() == QLatin1String("http") || server.scheme() == QLatin1String("ws") ? 80
                                                                                           : 443;
    QString host = server.host().toLower();
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return host + QLatin1Char(':') + QString::number(server.port(defaultPort));
}

QString CertificatePinStore::pinnedFingerprint(const QUrl &server) const
{
    return m_pins.value(serverKey(server));
}

void CertificatePinStore::pin(const QUrl &server, const QString &fingerprint)
{
    m_pins.insert(serverKey(server), fingerprint.toUpper());
    save();
    Q_EMIT pinsChanged();
}

void CertificatePinStore::forget(const QUrl &server)
{
    if (m_pins.remove(serverKey(server)) == 0)
        return;
    save();
    Q_EMIT pinsChanged();
}

void CertificatePinStore::save() const
{
    if (m_settingsFile.isEmpty())
        return;
    // An array rather than keys: host names and IPv6 addresses hold characters QSettings
    // would have to escape in a key.
    QSettings settings(m_settingsFile, QSettings::IniFormat);
    settings.remove(kGroup);
    settings.beginWriteArray(kGroup, int(m_pins.size()));
    int index = 0;
    for (auto it = m_pins.cbegin(); it != m_pins.cend(); ++it, ++index) {
        settings.setArrayIndex(index);
        settings.setValue(QStringLiteral("server"), it.key());
        settings.setValue(QStringLiteral("fingerprint"), it.value());
    }
    settings.endArray();
    settings.sync();
}

} // namespace Confab::Client
