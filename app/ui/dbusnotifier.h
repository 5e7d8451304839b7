#pragma once

#include "app/ui/notifier.h"

#include <QHash>

class QDBusPendingCallWatcher;

namespace Confab::Ui {

/// Notifications through the freedesktop.org notification service on the session bus
/// (org.freedesktop.Notifications.Notify). The call is asynchronous; a click on the
/// notification comes back as ActionInvoked with the "default" action.
class DBusNotifier : public Notifier
{
    Q_OBJECT
public:
    explicit DBusNotifier(QObject *parent = nullptr);

    /// A session bus is reachable (the service itself is started on demand by the bus).
    static bool isSessionBusConnected();

    void notify(qint64 conversationId, const QString &title, const QString &body) override;

private Q_SLOTS:
    void onActionInvoked(uint notificationId, const QString &actionKey);
    void onNotificationClosed(uint notificationId, uint reason);

private:
    void onNotifyReply(QDBusPendingCallWatcher *watcher, qint64 conversationId);

    QHash<uint, qint64> m_conversations; ///< shown notification id → conversation
};

} // namespace Confab::Ui
