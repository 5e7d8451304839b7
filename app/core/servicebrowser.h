#pragma once

#include "app/core/discoveredserver.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace Confab::Lan {
class DnsSdHandle;
}

namespace Confab::Client {

class ServiceResolver;

/// Finds Confab servers on the local network: browses DNS-SD for `_confab._tcp`, resolves
/// each one and reports it once its address is known, and reports it gone when its
/// announcement ends. Everything runs on the event loop (the daemon's socket is watched).
class ServiceBrowser : public QObject
{
    Q_OBJECT
public:
    explicit ServiceBrowser(QObject *parent = nullptr);
    ~ServiceBrowser() override;

    /// Starts browsing; false, with errorString(), when no DNS-SD daemon can be reached.
    bool start();
    void stop();
    bool isActive() const;
    QString errorString() const { return m_errorString; }

    // Called by the library's browse callback.
    void onBrowseReply(bool added, quint32 interfaceIndex, const QString &name,
        const QByteArray &type, const QByteArray &domain);

Q_SIGNALS:
    /// A server was found, or what is known of it changed (same name).
    void serverFound(const Confab::Client::DiscoveredServer &server);
    /// The server of that name stopped announcing itself.
    void serverLost(const QString &name);
    /// Browsing stopped because the daemon went away.
    void failed(const QString &message);

private:
    struct Instance
    {
        QSet<quint32> interfaces; ///< where it is announced; gone when none is left
        ServiceResolver *resolver = nullptr;
        bool reported = false;
    };
    void forget(const QString &name);

    Lan::DnsSdHandle *m_browse = nullptr;
    QHash<QString, Instance> m_instances;
    QString m_errorString;
};

} // namespace Confab::Client
