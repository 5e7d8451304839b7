#pragma once

#include "common/message.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QModelIndex;
class QSystemTrayIcon;

namespace Confab::Client {
class NotificationSettings;
} // namespace Confab::Client

namespace Confab::Ui {

class MainWindow;
class Notifier;

/// Everything the main window needs for notifications: decides on each incoming message
/// (NotificationPolicy) and hands it to a Notifier; a click raises the window and opens
/// the conversation. Adds the "Do not disturb" switch to the menu bar and "Mute" to the
/// conversation list's context menu, keeps the unread total in the window title and on
/// the tray icon (when the desktop has a tray).
class NotificationCenter : public QObject
{
    Q_OBJECT
public:
    /// `notifier` replaces the platform's choice (taken over); `settings` must outlive this.
    NotificationCenter(
        MainWindow *window, Client::NotificationSettings *settings, Notifier *notifier = nullptr);
    ~NotificationCenter() override;

    /// D-Bus on Linux when there is a session bus, else the tray, else the status bar.
    static Notifier *createPlatformNotifier(MainWindow *window, QSystemTrayIcon *tray);

    Notifier *notifier() const { return m_notifier; }
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    QAction *doNotDisturbAction() const { return m_doNotDisturb; }
    /// Notifications → Mute this conversation (the open one).
    QAction *muteOpenConversationAction() const { return m_muteOpen; }
    /// Unread messages over all conversations that are not muted.
    int unreadTotal() const { return m_unreadTotal; }
    /// The conversation list's context menu for `index` (a proxy index of the list).
    QMenu *conversationMenu(const QModelIndex &index, QWidget *parent);

    /// Raises the window and opens the conversation (what a click on a notification does).
    void activate(qint64 conversationId);

Q_SIGNALS:
    /// A notification was handed to the notifier.
    void notified(qint64 conversationId, const QString &title, const QString &body);
    void unreadTotalChanged(int total);

private:
    void onMessage(const Confab::Message &message);
    void onConversationInserted(int row);
    void notifyNow(const Message &message);
    void onNotifierFailed();
    void updateUnreadTotal();
    QString senderName(int row, qint64 senderId) const;
    QString conversationTitle(int row) const;

    QPointer<MainWindow> m_window;
    Client::NotificationSettings *m_settings;
    QSystemTrayIcon *m_tray = nullptr;
    Notifier *m_notifier = nullptr;
    QAction *m_doNotDisturb = nullptr;
    QAction *m_muteOpen = nullptr;
    QList<Message> m_waiting; ///< messages of conversations not listed yet
    struct Shown
    {
        qint64 conversationId = 0;
        QString title;
        QString body;
    };
    Shown m_last; ///< shown again by the fallback when the notifier fails
    int m_unreadTotal = -1;
};

} // namespace Confab::Ui
