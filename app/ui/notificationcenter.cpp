#include "app/ui/notificationcenter.h"

#include "app/core/conversationlistmodel.h"
#include "app/core/conversationstore.h"
#include "app/core/notificationpolicy.h"
#include "app/core/notificationsettings.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"
#include "app/ui/conversationdelegate.h"
#include "app/ui/mainwindow.h"
#include "app/ui/notificationicons.h"
#include "app/ui/statusbarnotifier.h"
#include "app/ui/traynotifier.h"

#include <QAction>
#include <QEvent>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QSystemTrayIcon>

#ifdef CONFAB_HAVE_DBUS
#include "app/ui/dbusnotifier.h"
#endif

namespace Confab::Ui {

using namespace Client;

NotificationCenter::NotificationCenter(
    MainWindow *window, NotificationSettings *settings, Notifier *notifier)
    : QObject(window)
    , m_window(window)
    , m_settings(settings)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(NotificationIcons::trayIcon(0), this);
        m_tray->setToolTip(tr("Confab"));
        connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger && m_window) {
                    m_window->showNormal();
                    m_window->raise();
                    m_window->activateWindow();
                }
            });
        m_tray->show();
    }
    m_notifier = notifier ? notifier : createPlatformNotifier(window, m_tray);
    m_notifier->setParent(this);
    connect(m_notifier, &Notifier::activated, this, &NotificationCenter::activate);
    connect(m_notifier, &Notifier::failed, this, &NotificationCenter::onNotifierFailed);

    auto *menu = window->menuBar()->addMenu(tr("&Notifications"));
    m_doNotDisturb = menu->addAction(tr("&Do not disturb"));
    m_doNotDisturb->setObjectName(QStringLiteral("doNotDisturbAction"));
    m_doNotDisturb->setCheckable(true);
    m_doNotDisturb->setChecked(settings->doNotDisturb());
    connect(m_doNotDisturb, &QAction::toggled, settings, &NotificationSettings::setDoNotDisturb);
    connect(
        settings, &NotificationSettings::doNotDisturbChanged, m_doNotDisturb, &QAction::setChecked);
    // The open conversation's mute switch, also here for the keyboard.
    m_muteOpen = menu->addAction(tr("&Mute this conversation"));
    m_muteOpen->setObjectName(QStringLiteral("muteOpenConversationAction"));
    m_muteOpen->setCheckable(true);
    connect(menu, &QMenu::aboutToShow, this, [this] {
        const qint64 id = m_window ? m_window->currentConversationId() : 0;
        m_muteOpen->setEnabled(id != 0);
        m_muteOpen->setChecked(id != 0 && m_settings->isMuted(id));
    });
    connect(m_muteOpen, &QAction::triggered, this, [this](bool on) {
        if (m_window && m_window->currentConversationId())
            m_settings->setMuted(m_window->currentConversationId(), on);
    });

    QListView *list = window->conversationView();
    if (auto *delegate = qobject_cast<ConversationDelegate *>(list->itemDelegate()))
        delegate->setNotificationSettings(settings);
    list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(list, &QWidget::customContextMenuRequested, this, [this, list](const QPoint &pos) {
        const QModelIndex index = list->indexAt(pos);
        if (!index.isValid())
            return;
        QMenu *menu = conversationMenu(index, list);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(list->viewport()->mapToGlobal(pos));
    });
    connect(settings, &NotificationSettings::mutedChanged, this, [this, list] {
        list->viewport()->update();
        updateUnreadTotal();
    });

    ConversationStore *store = window->conversations();
    connect(
        window->realtime(), &RealtimeClient::messageCreated, this, &NotificationCenter::onMessage);
    connect(store, &ConversationStore::inserted, this, &NotificationCenter::onConversationInserted);
    connect(store, &ConversationStore::changed, this, &NotificationCenter::updateUnreadTotal);
    connect(store, &ConversationStore::loadedChanged, this, &NotificationCenter::updateUnreadTotal);
    updateUnreadTotal();
}

NotificationCenter::~NotificationCenter()
{
    if (m_tray)
        m_tray->hide();
}

Notifier *NotificationCenter::createPlatformNotifier(MainWindow *window, QSystemTrayIcon *tray)
{
#ifdef CONFAB_HAVE_DBUS
    if (DBusNotifier::isSessionBusConnected())
        return new DBusNotifier;
#endif
    if (tray)
        return new TrayNotifier(tray);
    return new StatusBarNotifier(window->statusBar());
}

QMenu *NotificationCenter::conversationMenu(const QModelIndex &index, QWidget *parent)
{
    const qint64 id = index.data(ConversationListModel::IdRole).toLongLong();
    auto *menu = new QMenu(parent);
    QAction *mute = menu->addAction(tr("&Mute notifications"));
    mute->setObjectName(QStringLiteral("muteAction"));
    mute->setCheckable(true);
    mute->setChecked(m_settings->isMuted(id));
    connect(mute, &QAction::toggled, m_settings,
        [settings = m_settings, id](bool on) { settings->setMuted(id, on); });
    return menu;
}

void NotificationCenter::activate(qint64 conversationId)
{
    if (!m_window)
        return;
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
    if (!m_window->openConversation(conversationId)) {
        // Hidden by the search filter: show the whole list again.
        if (auto *filter = m_window->findChild<QLineEdit *>(QStringLiteral("conversationFilter")))
            filter->clear();
        m_window->openConversation(conversationId);
    }
}

void NotificationCenter::onMessage(const Message &message)
{
    if (!m_window)
        return;
    if (m_window->conversations()->rowOf(message.conversationId) < 0) {
        // Its conversation is being fetched; the notification needs its title. (Bounded:
        // a conversation that never arrives must not hold messages forever.)
        if (m_waiting.size() >= 50)
            m_waiting.removeFirst();
        m_waiting.append(message);
        return;
    }
    notifyNow(message);
}

void NotificationCenter::onConversationInserted(int row)
{
    const qint64 id = m_window->conversations()->at(row).id;
    for (qsizetype i = 0; i < m_waiting.size();) {
        if (m_waiting.at(i).conversationId == id)
            notifyNow(m_waiting.takeAt(i));
        else
            ++i;
    }
    updateUnreadTotal();
}

void NotificationCenter::notifyNow(const Message &message)
{
    ConversationStore *store = m_window->conversations();
    const int row = store->rowOf(message.conversationId);
    NotificationCandidate candidate;
    candidate.selfId = m_window->selfId();
    candidate.senderId = message.senderId;
    candidate.conversationId = message.conversationId;
    candidate.openConversationId = m_window->currentConversationId();
    candidate.windowActive = m_window->isActiveWindow();
    candidate.muted = m_settings->isMuted(message.conversationId);
    candidate.doNotDisturb = m_settings->doNotDisturb();
    candidate.deleted = message.isDeleted();
    if (row < 0 || !NotificationPolicy::shouldNotify(candidate))
        return;

    const QString sender = senderName(row, message.senderId);
    const QString conversation = conversationTitle(row);
    const bool group = store->at(row).type == ConversationType::Group;
    const QString title =
        group && !conversation.isEmpty() ? tr("%1 — %2").arg(sender, conversation) : sender;
    const QString body = NotificationPolicy::preview(message.content);
    m_last.conversationId = message.conversationId;
    m_last.title = title;
    m_last.body = body;
    m_notifier->notify(message.conversationId, title, body);
    Q_EMIT notified(message.conversationId, title, body);
}

void NotificationCenter::onNotifierFailed()
{
    // E.g. a session bus without a notification service: use the tray, or the status bar,
    // from now on, starting with the notification that was lost.
    if (!m_window || qobject_cast<StatusBarNotifier *>(m_notifier))
        return;
    Notifier *fallback = m_tray && !qobject_cast<TrayNotifier *>(m_notifier)
        ? static_cast<Notifier *>(new TrayNotifier(m_tray, this))
        : new StatusBarNotifier(m_window->statusBar(), this);
    m_notifier->deleteLater();
    m_notifier = fallback;
    connect(m_notifier, &Notifier::activated, this, &NotificationCenter::activate);
    connect(m_notifier, &Notifier::failed, this, &NotificationCenter::onNotifierFailed);
    if (m_last.conversationId)
        m_notifier->notify(m_last.conversationId, m_last.title, m_last.body);
}

QString NotificationCenter::senderName(int row, qint64 senderId) const
{
    for (const Participant &participant : m_window->conversations()->at(row).participants) {
        if (participant.user.id == senderId) {
            return participant.user.displayName.isEmpty() ? participant.user.username
                                                          : participant.user.displayName;
        }
    }
    return tr("Someone");
}

QString NotificationCenter::conversationTitle(int row) const
{
    const Conversation &conversation = m_window->conversations()->at(row);
    if (conversation.type == ConversationType::Group)
        return conversation.title;
    for (const Participant &participant : conversation.participants) {
        if (participant.user.id != m_window->selfId())
            return senderName(row, participant.user.id);
    }
    return {};
}

void NotificationCenter::updateUnreadTotal()
{
    if (!m_window)
        return;
    ConversationStore *store = m_window->conversations();
    int total = 0;
    for (int row = 0; row < store->count(); ++row) {
        const Conversation &conversation = store->at(row);
        if (!m_settings->isMuted(conversation.id))
            total += conversation.unreadCount;
    }
    if (total == m_unreadTotal)
        return;
    m_unreadTotal = total;
    m_window->setUnreadTotal(total);
    if (m_tray) {
        m_tray->setIcon(NotificationIcons::trayIcon(total));
        m_tray->setToolTip(
            total > 0 ? tr("Confab: %n unread message(s)", nullptr, total) : tr("Confab"));
    }
    Q_EMIT unreadTotalChanged(total);
}

} // namespace Confab::Ui
