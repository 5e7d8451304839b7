#include "app/core/discoveredservermodel.h"

#include "app/core/servicebrowser.h"

#include <algorithm>

namespace Confab::Client {

DiscoveredServerModel::DiscoveredServerModel(ServiceBrowser *browser, QObject *parent)
    : QAbstractListModel(parent)
{
    connect(browser, &ServiceBrowser::serverFound, this, &DiscoveredServerModel::addOrUpdate);
    connect(browser, &ServiceBrowser::serverLost, this, &DiscoveredServerModel::remove);
    connect(browser, &ServiceBrowser::failed, this, [this] {
        // Without a daemon nothing is known any more.
        beginResetModel();
        m_servers.clear();
        endResetModel();
    });
}

int DiscoveredServerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_servers.size());
}

QVariant DiscoveredServerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DiscoveredServer &server = m_servers.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return server.name;
    case Qt::ToolTipRole:
        return tr("%1 at %2:%3").arg(server.name, server.host).arg(server.port);
    case HostRole:
        return server.host;
    case PortRole:
        return int(server.port);
    case AddressRole:
        return server.address;
    case TlsRole:
        return server.tls;
    case FingerprintRole:
        return server.fingerprint;
    case UrlRole:
        return server.url();
    default:
        return {};
    }
}

QHash<int, QByteArray> DiscoveredServerModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(NameRole, QByteArrayLiteral("name"));
    names.insert(HostRole, QByteArrayLiteral("host"));
    names.insert(PortRole, QByteArrayLiteral("port"));
    names.insert(AddressRole, QByteArrayLiteral("address"));
    names.insert(TlsRole, QByteArrayLiteral("tls"));
    names.insert(FingerprintRole, QByteArrayLiteral("fingerprint"));
    names.insert(UrlRole, QByteArrayLiteral("url"));
    return names;
}

int DiscoveredServerModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_servers.size(); ++row) {
        if (m_servers.at(row).name == name)
            return row;
    }
    return -1;
}

void DiscoveredServerModel::addOrUpdate(const DiscoveredServer &server)
{
    const int existing = rowOf(server.name);
    if (existing >= 0) {
        if (m_servers.at(existing) == server)
            return;
        m_servers[existing] = server;
        Q_EMIT dataChanged(index(existing), index(existing));
        return;
    }
    const auto position = std::lower_bound(m_servers.cbegin(), m_servers.cend(), server,
        [](const DiscoveredServer &a, const DiscoveredServer &b) {
            return QString::localeAwareCompare(a.name, b.name) < 0;
        });
    const int row = int(position - m_servers.cbegin());
    beginInsertRows({}, row, row);
    m_servers.insert(row, server);
    endInsertRows();
}

void DiscoveredServerModel::remove(const QString &name)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_servers.removeAt(row);
    endRemoveRows();
}

} // namespace Confab::Client
