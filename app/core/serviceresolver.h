#pragma once

#include "app/core/discoveredserver.h"

#include <QObject>

namespace Confab::Lan {
class DnsSdHandle;
}

namespace Confab::Client {

/// Turns one browsed DNS-SD service into a DiscoveredServer: resolves it (host, port, TXT),
/// then asks for the host's IPv4 address. Keeps listening, so a changed address or TXT
/// record is reported again. Used by ServiceBrowser.
class ServiceResolver : public QObject
{
    Q_OBJECT
public:
    ServiceResolver(QString name, QByteArray type, QByteArray domain, QObject *parent = nullptr);

    /// False when the daemon refused to start resolving.
    bool start(quint32 interfaceIndex);
    const QString &name() const { return m_name; }

    // Called by the library's callbacks.
    void onResolved(const QByteArray &host, quint16 port, const QByteArray &txt);
    void onAddress(const QString &address);

Q_SIGNALS:
    void resolved(const Confab::Client::DiscoveredServer &server);

private:
    QString m_name;
    QByteArray m_type;
    QByteArray m_domain;
    quint32 m_interfaceIndex = 0;
    Lan::DnsSdHandle *m_resolve = nullptr;
    Lan::DnsSdHandle *m_query = nullptr;
    DiscoveredServer m_server;
    QByteArray m_queriedHost;
};

} // namespace Confab::Client
