#include "app/ui/traynotifier.h"

#include <QSystemTrayIcon>

namespace Confab::Ui {

TrayNotifier::TrayNotifier(QSystemTrayIcon *tray, QObject *parent)
    : Notifier(parent)
    , m_tray(tray)
{
    connect(tray, &QSystemTrayIcon::messageClicked, this, [this] {
        if (m_lastConversation)
            Q_EMIT activated(m_lastConversation);
    });
}

void TrayNotifier::notify(qint64 conversationId, const QString &title, const QString &body)
{
    if (!m_tray) {
        Q_EMIT failed(tr("The tray icon is gone."));
        return;
    }
    m_lastConversation = conversationId;
    m_tray->showMessage(title, body, QSystemTrayIcon::Information);
}

} // namespace Confab::Ui
