#pragma once

#include <QObject>
#include <QString>

namespace Confab::Lan {

class DnsSdHandle;

/// Announces a Confab server on the local network as a `_confab._tcp` DNS-SD service, with
/// TXT `proto=1`, `tls=0|1` and, with TLS, `fp=<SHA-256 fingerprint of the certificate>`.
/// The announcement lasts as long as this object (or until stop()).
class ServiceAdvertiser : public QObject
{
    Q_OBJECT
public:
    explicit ServiceAdvertiser(QObject *parent = nullptr);
    ~ServiceAdvertiser() override;

    /// "<user>'s Confab", or the host name when the user is unknown.
    static QString defaultName();

    /// Asks the DNS-SD daemon to announce `port` under `name` (defaultName() when empty).
    /// False, with errorString(), when the daemon cannot be reached. The daemon may still
    /// refuse later: then failed() is emitted. On a name clash it picks another name (such as
    /// "Name #2"), which registered() reports.
    bool start(const QString &name, quint16 port, bool tls = false,
        const QString &fingerprint = QString());
    void stop();

    QString errorString() const { return m_errorString; }
    /// The name the network knows the server by, once registered() came.
    QString registeredName() const { return m_registeredName; }

Q_SIGNALS:
    void registered(const QString &name);
    void failed(const QString &message);

private:
    void onRegisterReply(int error, const QString &name);
    friend struct RegisterCallback;

    DnsSdHandle *m_handle = nullptr;
    QString m_errorString;
    QString m_registeredName;
};

} // namespace Confab::Lan
