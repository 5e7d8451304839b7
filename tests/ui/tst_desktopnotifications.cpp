// Desktop notifications delivered for real: the client's platform notifier (D-Bus on
// Linux) talks to a real notification daemon (dunst) on a private session bus; the test
// reads back what the daemon received with `dunstctl`, clicks the notification through
// the daemon and sees the window open the conversation. Run by ctest through
// tests/support/run-with-notification-daemon.sh, which starts the bus, Xvfb and dunst.
#include "app/core/conversationstore.h"
#include "app/core/memorysecretstore.h"
#include "app/core/notificationsettings.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"
#include "app/ui/dbusnotifier.h"
#include "app/ui/mainwindow.h"
#include "app/ui/notificationcenter.h"
#include "tests/client/clienttesthelpers.h"
#include "tests/ui/conversationfixtures.h"

#include <QAction>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Confab;
using namespace Confab::Client;
using namespace Confab::Testing;
using Confab::Ui::MainWindow;
using Confab::Ui::NotificationCenter;

namespace {

/// Runs dunstctl with `arguments`; its standard output, or a failed check.
QByteArray dunstctl(const QStringList &arguments, bool *ok)
{
    QProcess process;
    process.start(QStringLiteral("dunstctl"), arguments);
    *ok = process.waitForFinished(10000) && process.exitStatus() == QProcess::NormalExit
        && process.exitCode() == 0;
    if (!*ok)
        qWarning() << "dunstctl" << arguments << "failed:" << process.readAllStandardError();
    return process.readAllStandardOutput().trimmed();
}

int displayedCount()
{
    bool ok = false;
    const QByteArray out = dunstctl({QStringLiteral("count"), QStringLiteral("displayed")}, &ok);
    return ok ? out.toInt() : -1;
}

struct Delivered
{
    QString appName;
    QString summary;
    QString body;
};

/// What dunst keeps in its history (closed notifications), newest first.
QList<Delivered> history()
{
    bool ok = false;
    const QByteArray out = dunstctl({QStringLiteral("history")}, &ok);
    QList<Delivered> list;
    if (!ok)
        return list;
    const QJsonArray data = QJsonDocument::fromJson(out)
                                .object()
                                .value(QStringLiteral("data"))
                                .toArray()
                                .at(0)
                                .toArray();
    const auto field = [](const QJsonObject &entry, const char *name) {
        return entry.value(QLatin1String(name)).toObject().value(QStringLiteral("data")).toString();
    };
    for (const auto &item : data) {
        const QJsonObject entry = item.toObject();
        list.append({field(entry, "appname"), field(entry, "summary"), field(entry, "body")});
    }
    return list;
}

} // namespace

class TestDesktopNotifications : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void deliveredAndClickOpensConversation();
    void doNotDisturbSendsNothing();
    void cleanupTestCase();

private:
    void activateOther();

    TestServer m_server;
    std::unique_ptr<Testing::ApiClient> m_http;
    std::unique_ptr<ConversationFixtures> m_fixtures;
    TestUser m_alice, m_bob;
    qint64 m_trip = 0, m_direct = 0;
    MemorySecretStore m_secrets;
    std::unique_ptr<Session> m_session;
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_file;
    std::unique_ptr<NotificationSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    NotificationCenter *m_center = nullptr;
    std::unique_ptr<QWidget> m_other;
};

void TestDesktopNotifications::initTestCase()
{
    if (qEnvironmentVariable("CONFAB_TEST_NOTIFICATION_DAEMON") != QStringLiteral("dunst")) {
        QSKIP("needs a private session bus with a notification daemon: run it through "
              "tests/support/run-with-notification-daemon.sh (as ctest does)");
    }
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_http = std::make_unique<Testing::ApiClient>(m_server.httpUrl());
    m_fixtures = std::make_unique<ConversationFixtures>(m_http.get());
    m_alice = registerUser(*m_http, QStringLiteral("alice"));
    m_bob = registerUser(*m_http, QStringLiteral("bob"));
    QVERIFY(m_alice.id && m_bob.id);
    m_trip = m_fixtures->createGroup(m_bob, {m_alice.id}, QStringLiteral("Weekend trip"));
    m_direct = m_fixtures->createDirect(m_bob, m_alice.id);
    QVERIFY(m_trip && m_direct);

    m_session = std::make_unique<Session>(m_server.httpUrl(), &m_secrets);
    QVERIFY(await(m_session->signIn(QStringLiteral("alice"), QStringLiteral("correct horse"))));
    QVERIFY(m_dir.isValid());
    m_file = std::make_unique<QSettings>(
        m_dir.filePath(QStringLiteral("profile.ini")), QSettings::IniFormat);
    m_settings = std::make_unique<NotificationSettings>(m_file.get());
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_center = new NotificationCenter(m_window.get(), m_settings.get()); // the platform's notifier
    QVERIFY2(qobject_cast<Ui::DBusNotifier *>(m_center->notifier()),
        "on Linux with a session bus the notifier is the D-Bus one");
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy ready(m_window->realtime(), &RealtimeClient::ready);
    QVERIFY(ready.wait());
    QTRY_VERIFY(m_window->conversations()->isLoaded() && !m_window->conversations()->isLoading());
    m_other = std::make_unique<QWidget>();
    m_other->resize(200, 100);
    bool ok = false;
    dunstctl({QStringLiteral("close-all")}, &ok);
    QVERIFY(ok);
}

void TestDesktopNotifications::cleanupTestCase()
{
    m_center = nullptr;
    m_window.reset();
    m_other.reset();
    m_settings.reset();
    m_session.reset();
}

void TestDesktopNotifications::activateOther()
{
    m_other->show();
    m_other->activateWindow();
    QTRY_VERIFY(m_other->isActiveWindow());
}

void TestDesktopNotifications::deliveredAndClickOpensConversation()
{
    activateOther();
    QCOMPARE(m_window->currentConversationId(), 0);
    const QString text = QStringLiteral("Meet at <the station>\n  at 8 & bring   snacks");
    QCOMPARE(m_fixtures->post(m_bob, m_trip, text), 201);
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 1, 15000);

    // A click on the notification, made by the daemon: ActionInvoked "default".
    bool ok = false;
    dunstctl({QStringLiteral("action"), QStringLiteral("0")}, &ok);
    QVERIFY(ok);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentConversationId(), m_trip, 15000);
    QTRY_VERIFY(m_window->isActiveWindow());

    // The daemon got the title and the trimmed preview (markup escaped, shown as text).
    dunstctl({QStringLiteral("close")}, &ok);
    QVERIFY(ok);
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 0, 15000);
    const QList<Delivered> delivered = history();
    QCOMPARE(delivered.size(), 1);
    QCOMPARE(delivered.at(0).appName, QStringLiteral("Confab"));
    QCOMPARE(delivered.at(0).summary, QStringLiteral("bob — Weekend trip"));
    QCOMPARE(delivered.at(0).body,
        QStringLiteral("Meet at &lt;the station&gt; at 8 &amp; bring snacks"));
}

void TestDesktopNotifications::doNotDisturbSendsNothing()
{
    activateOther();
    m_center->doNotDisturbAction()->trigger();
    QVERIFY(m_settings->doNotDisturb());
    const int unread = m_center->unreadTotal();
    QCOMPARE(m_fixtures->post(m_bob, m_direct, QStringLiteral("Quiet please")), 201);
    QTRY_COMPARE(m_center->unreadTotal(), unread + 1);
    m_center->doNotDisturbAction()->trigger();
    QVERIFY(!m_settings->doNotDisturb());
    QCOMPARE(m_fixtures->post(m_bob, m_direct, QStringLiteral("Loud again")), 201);
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 1, 15000);
    bool ok = false;
    dunstctl({QStringLiteral("close")}, &ok);
    QVERIFY(ok);
    QTRY_COMPARE_WITH_TIMEOUT(displayedCount(), 0, 15000);

    // Only the message after "Do not disturb" reached the daemon.
    const QList<Delivered> delivered = history();
    QCOMPARE(delivered.size(), 2);
    QCOMPARE(delivered.at(0).summary, QStringLiteral("bob"));
    QCOMPARE(delivered.at(0).body, QStringLiteral("Loud again"));
}

QTEST_MAIN(TestDesktopNotifications)
#include "tst_desktopnotifications.moc"
