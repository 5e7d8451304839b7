#include "app/ui/discoveredserverpicker.h"

#include "app/core/discoveredservermodel.h"
#include "app/core/servicebrowser.h"

namespace Confab::Ui {

DiscoveredServerPicker::DiscoveredServerPicker(QWidget *parent)
    : QComboBox(parent)
    , m_browser(new Client::ServiceBrowser(this))
    , m_model(new Client::DiscoveredServerModel(m_browser, this))
{
    setObjectName(QStringLiteral("discoveredServerPicker"));
    setAccessibleName(tr("Servers on this network"));
    setToolTip(tr("Confab servers announced on your local network"));
    setModel(m_model);
    setCurrentIndex(-1);
    connect(this, &QComboBox::activated, this, [this](int row) {
        const QUrl url = m_model->index(row).data(Client::DiscoveredServerModel::UrlRole).toUrl();
        if (!url.isValid())
            return;
        const QString fingerprint =
            m_model->index(row).data(Client::DiscoveredServerModel::FingerprintRole).toString();
        if (!fingerprint.isEmpty())
            Q_EMIT fingerprintAnnounced(url, fingerprint);
        Q_EMIT serverChosen(url.toString());
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
        &DiscoveredServerPicker::updatePlaceholder);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this,
        &DiscoveredServerPicker::updatePlaceholder);
    connect(
        m_model, &QAbstractItemModel::modelReset, this, &DiscoveredServerPicker::updatePlaceholder);
    connect(m_browser, &Client::ServiceBrowser::failed, this, &QWidget::hide);
    if (!m_browser->start())
        hide();
    updatePlaceholder();
}

DiscoveredServerPicker::~DiscoveredServerPicker() = default;

void DiscoveredServerPicker::updatePlaceholder()
{
    const int count = m_model->rowCount();
    setEnabled(count > 0);
    if (count == 0)
        setPlaceholderText(tr("No servers found on this network yet"));
    else if (count == 1)
        setPlaceholderText(tr("Choose the server found on this network"));
    else
        setPlaceholderText(tr("Choose from %1 servers found on this network").arg(count));
}

} // namespace Confab::Ui
