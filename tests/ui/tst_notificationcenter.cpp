// The main window's notification center against a real server: which incoming messages
// raise a notification (here shown by the status-bar notifier, the real fallback), the
// unread total in the window title, mute from the list's context menu (with its icon) and
// "Do not disturb" from the menu bar, and a click opening the conversation.
#include "app/core/conversationlistmodel.h"
#include "app/core/conversationstore.h"
#include "app/core/memorysecretstore.h"
#include "app/core/notificationsettings.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"
#include "app/ui/mainwindow.h"
#include "app/ui/notificationcenter.h"
#include "app/ui/notificationicons.h"
#include "app/ui/statusbarnotifier.h"
#include "tests/client/clienttesthelpers.h"
#include "tests/ui/conversationfixtures.h"
#include "tests/ui/widgettesthelpers.h"

#include <QAction>
#include <QApplication>
#include <QListView>
#include <QMenu>
#include <QPainter>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace Confab;
using namespace Confab::Client;
using namespace Confab::Testing;
using Confab::Ui::MainWindow;
using Confab::Ui::NotificationCenter;

class TestNotificationCenter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void notifiesUnlessLookingAtIt();
    void muteAndDoNotDisturbSilence();
    void ownMessagesDoNotNotify();
    void activationOpensTheConversation();
    void screenshot();
    void cleanupTestCase();

private:
    QModelIndex listIndexOf(qint64 conversationId) const;
    void activateOther();
    void activateWindow();

    TestServer m_server;
    std::unique_ptr<Testing::ApiClient> m_http;
    std::unique_ptr<ConversationFixtures> m_fixtures;
    TestUser m_alice, m_bob, m_carol;
    qint64 m_trip = 0, m_club = 0, m_direct = 0;
    MemorySecretStore m_secrets;
    std::unique_ptr<Session> m_session;
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_file;
    std::unique_ptr<NotificationSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    NotificationCenter *m_center = nullptr;
    std::unique_ptr<QWidget> m_other; ///< another window, to take the focus away
};

void TestNotificationCenter::initTestCase()
{
    QString error;
    QVERIFY2(startWithUsers(m_server, m_http,
                 {{QStringLiteral("alice"), &m_alice}, {QStringLiteral("bob"), &m_bob},
                     {QStringLiteral("carol"), &m_carol}},
                 &error),
        qPrintable(error));
    m_fixtures = std::make_unique<ConversationFixtures>(m_http.get());
    m_trip =
        m_fixtures->createGroup(m_bob, {m_alice.id, m_carol.id}, QStringLiteral("Weekend trip"));
    m_club = m_fixtures->createGroup(m_carol, {m_alice.id, m_bob.id}, QStringLiteral("Book club"));
    m_direct = m_fixtures->createDirect(m_bob, m_alice.id);
    QVERIFY(m_trip && m_club && m_direct);
    m_session = std::make_unique<Session>(m_server.httpUrl(), &m_secrets);
    QVERIFY(await(m_session->signIn(QStringLiteral("alice"), QStringLiteral("correct horse"))));
    m_other = std::make_unique<QWidget>();
    m_other->resize(200, 100);
}

void TestNotificationCenter::init()
{
    QVERIFY(m_dir.isValid());
    m_file = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("%1.ini").arg(
                                             QString::fromLatin1(QTest::currentTestFunction()))),
        QSettings::IniFormat);
    m_settings = std::make_unique<NotificationSettings>(m_file.get());
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_center = new NotificationCenter(
        m_window.get(), m_settings.get(), new Ui::StatusBarNotifier(m_window->statusBar()));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy ready(m_window->realtime(), &RealtimeClient::ready);
    QVERIFY(ready.wait());
    // READY reloads the list (with the server's unread counts): let that settle first.
    QTRY_VERIFY(m_window->conversations()->isLoaded() && !m_window->conversations()->isLoading());
    QCOMPARE(m_window->conversations()->count(), 3);
    activateWindow();
}

void TestNotificationCenter::cleanup()
{
    m_center = nullptr;
    m_window.reset();
    m_settings.reset();
    m_file.reset();
}

void TestNotificationCenter::cleanupTestCase()
{
    m_other.reset();
    m_session.reset();
}

void TestNotificationCenter::activateOther()
{
    m_other->show();
    m_other->activateWindow();
    QTRY_VERIFY(m_other->isActiveWindow());
    QVERIFY(!m_window->isActiveWindow());
}

void TestNotificationCenter::activateWindow()
{
    m_window->activateWindow();
    QTRY_VERIFY(m_window->isActiveWindow());
}

QModelIndex TestNotificationCenter::listIndexOf(qint64 conversationId) const
{
    const QAbstractItemModel *model = m_window->conversationView()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(ConversationListModel::IdRole).toLongLong() == conversationId)
            return index;
    }
    return {};
}

void TestNotificationCenter::notifiesUnlessLookingAtIt()
{
    QSignalSpy notified(m_center, &NotificationCenter::notified);
    QVERIFY(m_window->openConversation(m_trip));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Weekend trip — Confab"));

    // In the open conversation of the active window: read at once, no notification. The
    // next message (in another conversation) arrives after it and is the only one notified.
    QCOMPARE(m_fixtures->post(m_bob, m_trip, QStringLiteral("Tent is packed")), 201);
    QCOMPARE(m_fixtures->post(m_bob, m_direct, QStringLiteral("Lunch\n  tomorrow?")), 201);
    QTRY_COMPARE(notified.count(), 1);
    QCOMPARE(notified.at(0).at(0).toLongLong(), m_direct);
    QCOMPARE(notified.at(0).at(1).toString(), QStringLiteral("bob"));
    QCOMPARE(notified.at(0).at(2).toString(), QStringLiteral("Lunch tomorrow?"));
    QCOMPARE(m_window->statusBar()->currentMessage(), QStringLiteral("bob: Lunch tomorrow?"));
    QTRY_COMPARE(m_center->unreadTotal(), 1);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Weekend trip — Confab (1)"));

    // The same conversation, with the focus elsewhere: notified, title "sender — group".
    activateOther();
    QCOMPARE(m_fixtures->post(m_carol, m_trip, QStringLiteral("Stove too")), 201);
    QTRY_COMPARE(notified.count(), 2);
    QCOMPARE(notified.at(1).at(0).toLongLong(), m_trip);
    QCOMPARE(notified.at(1).at(1).toString(), QStringLiteral("carol — Weekend trip"));
    QTRY_COMPARE(m_center->unreadTotal(), 2);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Weekend trip — Confab (2)"));

    // Coming back reads the open conversation.
    activateWindow();
    QTRY_COMPARE(m_center->unreadTotal(), 1);
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Weekend trip — Confab (1)"));
    const Conversation *direct = m_window->conversations()->find(m_direct);
    QVERIFY(direct && direct->lastMessage);
    m_window->conversations()->markRead(m_direct, direct->lastMessage->id);
    QTRY_COMPARE(m_window->windowTitle(), QStringLiteral("Weekend trip — Confab"));
}

void TestNotificationCenter::muteAndDoNotDisturbSilence()
{
    QSignalSpy notified(m_center, &NotificationCenter::notified);
    const int unreadBefore = m_center->unreadTotal();

    // Mute through the list's context menu: stored in the profile's settings at once.
    const QModelIndex club = listIndexOf(m_club);
    QVERIFY(club.isValid());
    std::unique_ptr<QMenu> menu(m_center->conversationMenu(club, m_window.get()));
    auto *mute = menu->findChild<QAction *>(QStringLiteral("muteAction"));
    QVERIFY(mute);
    QVERIFY(!mute->isChecked());
    mute->trigger();
    QVERIFY(m_settings->isMuted(m_club));
    m_file->sync();
    QCOMPARE(QSettings(m_file->fileName(), QSettings::IniFormat)
                 .value(QStringLiteral("notifications/muted"))
                 .toStringList(),
        QStringList {QString::number(m_club)});
    menu.reset(m_center->conversationMenu(club, m_window.get()));
    QVERIFY(menu->findChild<QAction *>(QStringLiteral("muteAction"))->isChecked());

    // A muted conversation stays silent and out of the unread total.
    QCOMPARE(m_fixtures->post(m_carol, m_club, QStringLiteral("Chapter 3 tonight")), 201);
    QTRY_COMPARE(
        m_window->conversations()->at(m_window->conversations()->rowOf(m_club)).unreadCount, 1);
    QCOMPARE(m_center->unreadTotal(), unreadBefore);

    // Do not disturb from the menu bar: nothing at all, until it is switched off.
    QAction *dnd = m_center->doNotDisturbAction();
    QVERIFY(dnd->isCheckable() && !dnd->isChecked());
    dnd->trigger();
    QVERIFY(m_settings->doNotDisturb());
    QCOMPARE(m_fixtures->post(m_bob, m_direct, QStringLiteral("Are you there?")), 201);
    QTRY_COMPARE(m_center->unreadTotal(), unreadBefore + 1);
    dnd->trigger();
    QVERIFY(!m_settings->doNotDisturb());
    QCOMPARE(m_fixtures->post(m_bob, m_direct, QStringLiteral("Ping")), 201);
    QTRY_COMPARE(notified.count(), 1);
    QCOMPARE(notified.at(0).at(2).toString(), QStringLiteral("Ping"));

    // Unmuting, here from the menu bar for the open conversation, brings it back.
    QVERIFY(m_window->openConversation(m_club));
    activateOther();
    QAction *muteOpen = m_center->muteOpenConversationAction();
    auto *menuBarMenu = qobject_cast<QMenu *>(muteOpen->parent());
    QVERIFY(menuBarMenu);
    Q_EMIT menuBarMenu->aboutToShow();
    QVERIFY(muteOpen->isEnabled());
    QVERIFY(muteOpen->isChecked());
    muteOpen->trigger();
    QVERIFY(!m_settings->isMuted(m_club));
    // The club was opened while the focus was elsewhere, so it is not read yet: unmuted, its
    // message counts again beside the two direct ones.
    QTRY_COMPARE(m_center->unreadTotal(), unreadBefore + 3);
    QCOMPARE(m_fixtures->post(m_carol, m_club, QStringLiteral("Bring snacks")), 201);
    QTRY_COMPARE(notified.count(), 2);
    QCOMPARE(notified.at(1).at(1).toString(), QStringLiteral("carol — Book club"));
}

void TestNotificationCenter::ownMessagesDoNotNotify()
{
    QSignalSpy notified(m_center, &NotificationCenter::notified);
    activateOther();
    QCOMPARE(m_fixtures->post(m_alice, m_trip, QStringLiteral("From my phone")), 201);
    QCOMPARE(m_fixtures->post(m_bob, m_trip, QStringLiteral("Seen it")), 201);
    QTRY_COMPARE(notified.count(), 1);
    QCOMPARE(notified.at(0).at(2).toString(), QStringLiteral("Seen it"));
}

void TestNotificationCenter::activationOpensTheConversation()
{
    activateOther();
    m_window->showMinimized();
    m_center->activate(m_club);
    QCOMPARE(m_window->currentConversationId(), m_club);
    QVERIFY(!m_window->isMinimized());
    QTRY_VERIFY(m_window->isActiveWindow());
    QVERIFY(m_window->windowTitle().startsWith(QStringLiteral("Book club — Confab")));
}

void TestNotificationCenter::screenshot()
{
    // The list with a muted conversation, and the title and tray icon with the unread count
    // (drawn above the window's contents, which grab() renders without decorations).
    m_settings->setMuted(m_club, true);
    QVERIFY(m_window->openConversation(m_trip));
    activateOther();
    QCOMPARE(m_fixtures->post(m_bob, m_direct, QStringLiteral("Dinner at eight?")), 201);
    QCOMPARE(m_fixtures->post(m_carol, m_club, QStringLiteral("Next book: Dune")), 201);
    QTRY_VERIFY(m_center->unreadTotal() > 0);
    QTest::qWait(200);

    const QPixmap window = m_window->grab();
    const int bar = 36;
    QPixmap shot(window.width(), window.height() + bar);
    shot.fill(m_window->palette().color(QPalette::Window).darker(115));
    QPainter painter(&shot);
    const QPixmap tray = Ui::NotificationIcons::trayIcon(m_center->unreadTotal()).pixmap(28, 28);
    painter.drawPixmap(8, 4, tray);
    QFont font = m_window->font();
    font.setBold(true);
    painter.setFont(font);
    painter.setPen(m_window->palette().color(QPalette::WindowText));
    painter.drawText(QRect(0, 0, shot.width(), bar), Qt::AlignCenter, m_window->windowTitle());
    painter.drawPixmap(0, bar, window);
    painter.end();
    saveScreenshot(shot, QStringLiteral("notifications-unread-muted.png"));

    // The muted icon and grey badge on a dark palette.
    const QPalette original = QApplication::palette();
    QApplication::setPalette(darkPalette());
    QTest::qWait(100);
    saveScreenshot(*m_window->conversationView(), QStringLiteral("notifications-muted-dark.png"));
    QApplication::setPalette(original);
}

QTEST_MAIN(TestNotificationCenter)
#include "tst_notificationcenter.moc"
