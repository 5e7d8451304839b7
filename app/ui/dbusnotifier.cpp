#include "app/ui/dbusnotifier.h"

#include "app/core/logging.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

namespace Confab::Ui {

namespace {
const QString service = QStringLiteral("org.freedesktop.Notifications");
const QString path = QStringLiteral("/org/freedesktop/Notifications");
const QString interface = QStringLiteral("org.freedesktop.Notifications");
const QString defaultAction = QStringLiteral("default");
} // namespace

DBusNotifier::DBusNotifier(QObject *parent)
    : Notifier(parent)
{
    // No service name: naming it would make Qt look up its owner with a blocking call.
    // Only ids returned by our own Notify calls are acted upon.
    QDBusConnection bus = QDBusConnection::sessionBus();
    bus.connect(QString(), path, interface, QStringLiteral("ActionInvoked"), this,
        SLOT(onActionInvoked(uint, QString)));
    bus.connect(QString(), path, interface, QStringLiteral("NotificationClosed"), this,
        SLOT(onNotificationClosed(uint, uint)));
}

bool DBusNotifier::isSessionBusConnected()
{
    return QDBusConnection::sessionBus().isConnected();
}

void DBusNotifier::notify(qint64 conversationId, const QString &title, const QString &body)
{
    QDBusMessage call =
        QDBusMessage::createMethodCall(service, path, interface, QStringLiteral("Notify"));
    QVariantMap hints;
    hints.insert(QStringLiteral("category"), QStringLiteral("im.received"));
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("confab"));
    // Servers may read the body as markup: a message's "<b>" must stay text.
    call << QStringLiteral("Confab") << uint(0) << QString() << title << body.toHtmlEscaped()
         << QStringList {defaultAction, tr("Open")} << hints << int(-1);
    auto *watcher =
        new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
        [this, conversationId](QDBusPendingCallWatcher *w) { onNotifyReply(w, conversationId); });
}

void DBusNotifier::onNotifyReply(QDBusPendingCallWatcher *watcher, qint64 conversationId)
{
    watcher->deleteLater();
    const QDBusPendingReply<uint> reply = *watcher;
    if (reply.isError()) {
        qCWarning(Client::lcNotifications) << "notification not shown:" << reply.error().message();
        Q_EMIT failed(reply.error().message());
        return;
    }
    m_conversations.insert(reply.value(), conversationId);
}

void DBusNotifier::onActionInvoked(uint notificationId, const QString &actionKey)
{
    const auto it = m_conversations.constFind(notificationId);
    if (it == m_conversations.cend() || actionKey != defaultAction)
        return;
    Q_EMIT activated(it.value());
}

void DBusNotifier::onNotificationClosed(uint notificationId, uint)
{
    m_conversations.remove(notificationId);
}

} // namespace Confab::Ui
