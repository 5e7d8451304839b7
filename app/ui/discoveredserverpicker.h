#pragma once

#include <QComboBox>

namespace Confab::Client {
class DiscoveredServerModel;
class ServiceBrowser;
} // namespace Confab::Client

namespace Confab::Ui {

/// A list of the Confab servers announced on the local network, kept up to date while it is
/// shown; picking one emits its address. Hides itself when this computer cannot look for
/// servers (no DNS-SD daemon): typing an address still works.
class DiscoveredServerPicker : public QComboBox
{
    Q_OBJECT
public:
    explicit DiscoveredServerPicker(QWidget *parent = nullptr);
    ~DiscoveredServerPicker() override;

    Client::DiscoveredServerModel *serverModel() const { return m_model; }

Q_SIGNALS:
    /// The address to connect to, e.g. "http://192.168.1.20:8080".
    void serverChosen(const QString &address);
    /// Emitted with serverChosen() for a TLS server: the certificate fingerprint it announced.
    void fingerprintAnnounced(const QUrl &server, const QString &fingerprint);

private:
    void updatePlaceholder();

    Client::ServiceBrowser *m_browser;
    Client::DiscoveredServerModel *m_model;
};

} // namespace Confab::Ui
