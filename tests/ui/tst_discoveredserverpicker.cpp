// The sign-in window's list of servers on this network, against a real avahi-daemon: a
// service announced with avahi-publish appears in the list, picking it fills in the server
// address, and it leaves the list when its announcement ends. Skips unless run through
// scripts/lan-harness.sh (which sets CONFAB_TEST_AVAHI=1).
#include "app/core/discoveredservermodel.h"
#include "app/core/memorysecretstore.h"
#include "app/ui/discoveredserverpicker.h"
#include "app/ui/signinwindow.h"
#include "tests/ui/widgettesthelpers.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace Confab;
using namespace Confab::Testing;
using Confab::Ui::DiscoveredServerPicker;
using Confab::Ui::SignInWindow;

namespace {
constexpr int kTimeoutMs = 20000;

} // namespace

class TestDiscoveredServerPicker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void pickingAnAnnouncedServerFillsInItsAddress_data();
    void pickingAnAnnouncedServerFillsInItsAddress();
};

void TestDiscoveredServerPicker::init()
{
    if (qEnvironmentVariableIsEmpty("CONFAB_TEST_AVAHI"))
        QSKIP("LAN discovery needs avahi-daemon: run through scripts/lan-harness.sh "
              "(scripts/test.sh does), which sets CONFAB_TEST_AVAHI=1.");
}

void TestDiscoveredServerPicker::pickingAnAnnouncedServerFillsInItsAddress_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestDiscoveredServerPicker::pickingAnAnnouncedServerFillsInItsAddress()
{
    QFETCH(bool, dark);
    const QPalette original = QApplication::palette();
    if (dark)
        QApplication::setPalette(darkPalette());
    const auto restore = qScopeGuard([&] { QApplication::setPalette(original); });

    Client::MemorySecretStore secrets;
    SignInWindow window(&secrets);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *picker = window.findChild<DiscoveredServerPicker *>();
    QVERIFY(picker);
    QVERIFY2(picker->isVisible(), "the picker hides itself only when it cannot browse");

    const QString name = QStringLiteral("Family Confab %1%2")
                             .arg(QCoreApplication::applicationPid())
                             .arg(dark ? QStringLiteral(" (dark)") : QString());
    QProcess publish;
    publish.start(QStringLiteral("avahi-publish"),
        {QStringLiteral("-s"), name, QStringLiteral("_confab._tcp"), QStringLiteral("4712"),
            QStringLiteral("proto=1"), QStringLiteral("tls=0")});
    QVERIFY(publish.waitForStarted(kTimeoutMs));
    QTRY_VERIFY_WITH_TIMEOUT(picker->serverModel()->rowOf(name) >= 0, kTimeoutMs);
    QVERIFY(picker->isEnabled());
    saveScreenshot(window,
        dark ? QStringLiteral("signin-discovered-dark.png")
             : QStringLiteral("signin-discovered.png"));

    QSignalSpy chosen(picker, &DiscoveredServerPicker::serverChosen);
    const int row = picker->serverModel()->rowOf(name);
    picker->setCurrentIndex(row);
    Q_EMIT picker->activated(row);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(window.serverAddress(), QStringLiteral("http://127.0.0.1:4712"));
    QCOMPARE(window.findChild<QLineEdit *>(QStringLiteral("serverField"))->text(),
        QStringLiteral("http://127.0.0.1:4712"));

    publish.terminate();
    QVERIFY(publish.waitForFinished(kTimeoutMs));
    QTRY_VERIFY_WITH_TIMEOUT(picker->serverModel()->rowOf(name) < 0, kTimeoutMs);
}

QTEST_MAIN(TestDiscoveredServerPicker)
#include "tst_discoveredserverpicker.moc"
