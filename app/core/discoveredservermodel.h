#pragma once

#include "app/core/discoveredserver.h"

#include <QAbstractListModel>
#include <QList>

namespace Confab::Client {

class ServiceBrowser;

/// The servers a ServiceBrowser currently sees, sorted by name: rows appear, change and
/// disappear as announcements do. The display text is the server's name.
class DiscoveredServerModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        NameRole = Qt::UserRole + 1, ///< QString
        HostRole, ///< QString, e.g. "kitchen-pc.local"
        PortRole, ///< int
        AddressRole, ///< QString, an IPv4 address
        TlsRole, ///< bool
        FingerprintRole, ///< QString, empty without TLS
        UrlRole, ///< QUrl to connect to
    };
    Q_ENUM(Role)

    explicit DiscoveredServerModel(ServiceBrowser *browser, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// The row of the server with this name, or -1.
    int rowOf(const QString &name) const;
    DiscoveredServer serverAt(int row) const { return m_servers.value(row); }

private:
    void addOrUpdate(const DiscoveredServer &server);
    void remove(const QString &name);

    QList<DiscoveredServer> m_servers;
};

} // namespace Confab::Client
