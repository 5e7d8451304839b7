#pragma once

#include "app/ui/notifier.h"

#include <QPointer>

class QSystemTrayIcon;

namespace Confab::Ui {

/// Notifications as balloon messages of the tray icon (Windows, macOS, and desktops with
/// a StatusNotifier host). A click on the balloon opens the conversation shown last.
class TrayNotifier : public Notifier
{
    Q_OBJECT
public:
    /// `tray` must be visible for the messages to show.
    explicit TrayNotifier(QSystemTrayIcon *tray, QObject *parent = nullptr);

    void notify(qint64 conversationId, const QString &title, const QString &body) override;

private:
    QPointer<QSystemTrayIcon> m_tray;
    qint64 m_lastConversation = 0;
};

} // namespace Confab::Ui
