// The first-start window: two choices, Host the default and focused, the name prefilled and
// required, and each choice asking for what it names; in a ClientApplication on a fresh
// profile, Join leads to the sign-in window, and a hosting failure is shown there with a retry.
#include "app/core/conversationstore.h"
#include "app/ui/clientapplication.h"
#include "app/ui/hostingcontroller.h"
#include "app/ui/mainwindow.h"
#include "app/ui/signinwindow.h"
#include "app/ui/systemusername.h"
#include "app/ui/welcomewindow.h"
#include "tests/ui/widgettesthelpers.h"

#include <QApplication>
#include <QFile>
#include <QPalette>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

#include <QCommandLinkButton>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Confab;
using namespace Confab::Testing;

namespace {

template<typename T>
T *visibleTopLevel()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (auto *window = qobject_cast<T *>(widget); window && window->isVisible())
            return window;
    }
    return nullptr;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::Any, 0);
    return probe.serverPort();
}

/// A profile of its own, hosting on a free port without announcing it.
void prepareProfile(const QString &profile)
{
    QSettings settings(QStringLiteral("Confab"), QStringLiteral("Confab-") + profile);
    settings.setValue(QStringLiteral("hosting/port"), freePort());
    settings.setValue(QStringLiteral("hosting/advertise"), false);
}

} // namespace

class TestWelcomeWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostIsTheFocusedDefault();
    void systemNameIsTheComputerUsers();
    void hostAsksWithTheName();
    void hostNeedsAName();
    void joinAsksToJoin();
    void busyThenFailedOffersRetry();
    void darkPaletteIsReadable();
    void firstStartShowsWelcomeAndJoinLeadsToSignIn();
    void hostingFailureIsShownWithRetry();

private:
    bool isolate();

    QTemporaryDir m_home;
};

bool TestWelcomeWindow::isolate()
{
    if (!m_home.isValid())
        return false;
    qputenv("HOME", QFile::encodeName(m_home.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("data"))));
    QStandardPaths::setTestModeEnabled(true);
    return true;
}

void TestWelcomeWindow::hostIsTheFocusedDefault()
{
    Ui::WelcomeWindow window;
    window.setHostName(QStringLiteral("Alice Liddell"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *host = child<QCommandLinkButton>(window, "hostButton");
    auto *join = child<QCommandLinkButton>(window, "joinButton");
    QCOMPARE(host->text(), QStringLiteral("Host a chat on this computer"));
    QCOMPARE(join->text(), QStringLiteral("Join a server"));
    QVERIFY(host->isDefault());
    QTRY_VERIFY(host->hasFocus());
    QVERIFY(!host->accessibleName().isEmpty());
    QVERIFY(!join->accessibleName().isEmpty());
    QCOMPARE(child<QLineEdit>(window, "hostNameField")->text(), QStringLiteral("Alice Liddell"));
    // Tab order: the host choice, its name, then the other choice.
    QCOMPARE(host->nextInFocusChain(), child<QLineEdit>(window, "hostNameField"));
    saveScreenshot(window, QStringLiteral("welcome-window.png"));
}

void TestWelcomeWindow::systemNameIsTheComputerUsers()
{
    // Whatever this machine's account is called, the prefill is never empty on a real login.
    const QString name = Ui::systemUserFullName();
    QVERIFY(!name.isEmpty());
    QVERIFY(!name.contains(QLatin1Char(',')));
}

void TestWelcomeWindow::hostAsksWithTheName()
{
    Ui::WelcomeWindow window;
    window.setHostName(QStringLiteral("  Alice  "));
    window.show();
    QSignalSpy host(&window, &Ui::WelcomeWindow::hostRequested);
    QSignalSpy join(&window, &Ui::WelcomeWindow::joinRequested);
    QTest::mouseClick(child<QCommandLinkButton>(window, "hostButton"), Qt::LeftButton);
    QCOMPARE(host.count(), 1);
    QCOMPARE(host.at(0).at(0).toString(), QStringLiteral("Alice"));
    QCOMPARE(join.count(), 0);

    // Return in the name field hosts too.
    auto *name = child<QLineEdit>(window, "hostNameField");
    name->setText(QStringLiteral("Alice Martin"));
    QTest::keyClick(name, Qt::Key_Return);
    QCOMPARE(host.count(), 2);
    QCOMPARE(host.at(1).at(0).toString(), QStringLiteral("Alice Martin"));
}

void TestWelcomeWindow::hostNeedsAName()
{
    Ui::WelcomeWindow window;
    window.setHostName(QString());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy host(&window, &Ui::WelcomeWindow::hostRequested);
    QTest::mouseClick(child<QCommandLinkButton>(window, "hostButton"), Qt::LeftButton);
    QCOMPARE(host.count(), 0);
    auto *error = child<QLabel>(window, "hostError");
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(QStringLiteral("name")));
    QTRY_VERIFY(child<QLineEdit>(window, "hostNameField")->hasFocus());
    // Typing a name clears the complaint.
    QTest::keyClicks(child<QLineEdit>(window, "hostNameField"), QStringLiteral("Bo"));
    QVERIFY(!error->isVisible());
    // Longer names than the server takes cannot be typed.
    QCOMPARE(
        child<QLineEdit>(window, "hostNameField")->maxLength(), Ui::WelcomeWindow::kMaxNameLength);
}

void TestWelcomeWindow::joinAsksToJoin()
{
    Ui::WelcomeWindow window;
    window.show();
    QSignalSpy host(&window, &Ui::WelcomeWindow::hostRequested);
    QSignalSpy join(&window, &Ui::WelcomeWindow::joinRequested);
    QTest::mouseClick(child<QCommandLinkButton>(window, "joinButton"), Qt::LeftButton);
    QCOMPARE(join.count(), 1);
    QCOMPARE(host.count(), 0);
}

void TestWelcomeWindow::busyThenFailedOffersRetry()
{
    Ui::WelcomeWindow window;
    window.setHostName(QStringLiteral("Alice"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy host(&window, &Ui::WelcomeWindow::hostRequested);
    auto *hostButton = child<QCommandLinkButton>(window, "hostButton");

    // The port is a detail a newcomer never needs to see ...
    auto *port = child<QSpinBox>(window, "hostPortField");
    QVERIFY(!port->isVisible());
    window.setBusy(true);
    QVERIFY(!hostButton->isEnabled());
    QVERIFY(!child<QCommandLinkButton>(window, "joinButton")->isEnabled());
    QCOMPARE(hostButton->description(), QStringLiteral("Starting…"));

    window.setBusy(false);
    window.showError(QStringLiteral("Couldn't start hosting: no free port from 8080 to 8099."));
    auto *error = child<QLabel>(window, "hostError");
    QVERIFY(error->isVisible());
    QCOMPARE(hostButton->description(), QStringLiteral("Try again"));
    QVERIFY(hostButton->isEnabled());
    // ... until hosting failed, e.g. because the ports are taken: then it can be changed.
    QVERIFY(port->isVisible());
    window.setPort(9123);
    QCOMPARE(window.port(), 9123);
    saveScreenshot(window, QStringLiteral("welcome-window-error.png"));

    QTest::mouseClick(hostButton, Qt::LeftButton);
    QCOMPARE(host.count(), 1);
    window.setBusy(true);
    QVERIFY(!error->isVisible());
}

void TestWelcomeWindow::darkPaletteIsReadable()
{
    const QPalette original = QApplication::palette();
    QApplication::setPalette(darkPalette());
    {
        Ui::WelcomeWindow window;
        window.setHostName(QStringLiteral("Alice Liddell"));
        window.showError(QStringLiteral("Couldn't start hosting: Ports 8080 to 8099 are all in "
                                        "use by other programs; choose another port."));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // The error stays light on the dark window.
        auto *error = child<QLabel>(window, "hostError");
        QVERIFY(error->palette().color(QPalette::WindowText).lightness() > 128);
        saveScreenshot(window, QStringLiteral("welcome-window-dark.png"));
    }
    QApplication::setPalette(original);
}

void TestWelcomeWindow::firstStartShowsWelcomeAndJoinLeadsToSignIn()
{
    if (qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("a session bus may offer a Secret Service; this test is for headless runs");
    QVERIFY(isolate());
    const QString profile = QStringLiteral("joiner");
    prepareProfile(profile);
    Ui::ClientApplication client(profile, QString());
    client.start();
    QTRY_VERIFY(visibleTopLevel<Ui::WelcomeWindow>());
    Ui::WelcomeWindow *welcome = visibleTopLevel<Ui::WelcomeWindow>();
    QCOMPARE(child<QLineEdit>(*welcome, "hostNameField")->text(), Ui::systemUserFullName());

    QTest::mouseClick(child<QCommandLinkButton>(*welcome, "joinButton"), Qt::LeftButton);
    QTRY_VERIFY(visibleTopLevel<Ui::SignInWindow>());
    QTRY_VERIFY(!visibleTopLevel<Ui::WelcomeWindow>());
    QSettings settings(QStringLiteral("Confab"), QStringLiteral("Confab-") + profile);
    QCOMPARE(settings.value(QStringLiteral("hosting/enabled")).toBool(), false);

    // Changed their mind: the sign-in window leads back to the welcome window.
    Ui::SignInWindow *signIn = visibleTopLevel<Ui::SignInWindow>();
    auto *hostInstead = child<QPushButton>(*signIn, "hostInsteadButton");
    QVERIFY(hostInstead->isVisible());
    saveScreenshot(*signIn, QStringLiteral("sign-in-host-instead.png"));
    QTest::mouseClick(hostInstead, Qt::LeftButton);
    QTRY_VERIFY(visibleTopLevel<Ui::WelcomeWindow>());
    QTRY_VERIFY(!visibleTopLevel<Ui::SignInWindow>());
}

void TestWelcomeWindow::hostingFailureIsShownWithRetry()
{
    if (qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("a session bus may offer a Secret Service; this test is for headless runs");
    QVERIFY(isolate());
    const QString profile = QStringLiteral("unlucky");
    prepareProfile(profile);
    Ui::ClientApplication client(profile, QString());
    // A file where the hosted chat's data directory should be: the server cannot start.
    const QString dataDirectory = client.hostingDataDirectory();
    QVERIFY(QDir().mkpath(QFileInfo(dataDirectory).path()));
    QFile blocker(dataDirectory);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();

    client.start();
    QTRY_VERIFY(visibleTopLevel<Ui::WelcomeWindow>());
    Ui::WelcomeWindow *welcome = visibleTopLevel<Ui::WelcomeWindow>();
    child<QLineEdit>(*welcome, "hostNameField")->setText(QStringLiteral("Bob"));
    auto *host = child<QCommandLinkButton>(*welcome, "hostButton");
    QTest::mouseClick(host, Qt::LeftButton);
    auto *error = child<QLabel>(*welcome, "hostError");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 30000);
    QVERIFY(error->text().startsWith(QStringLiteral("Couldn't start hosting: ")));
    QVERIFY(host->isEnabled());
    QCOMPARE(host->description(), QStringLiteral("Try again"));
    QVERIFY(!visibleTopLevel<Ui::MainWindow>());
    QVERIFY(!client.hosting());
    saveScreenshot(*welcome, QStringLiteral("welcome-hosting-failed.png"));

    auto *port = child<QSpinBox>(*welcome, "hostPortField");
    QVERIFY(port->isVisible());
    const int chosenPort = port->value() == 65535 ? 65534 : port->value() + 1;
    port->setValue(chosenPort);

    // Once the obstacle is gone, trying again hosts (on the port chosen).
    QVERIFY(QFile::remove(dataDirectory));
    QTest::mouseClick(host, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(visibleTopLevel<Ui::MainWindow>(), 30000);
    QTRY_VERIFY(!visibleTopLevel<Ui::WelcomeWindow>());
    QVERIFY(client.hosting());
    QCOMPARE(QSettings(QStringLiteral("Confab"), QStringLiteral("Confab-") + profile)
                 .value(QStringLiteral("hosting/port"))
                 .toInt(),
        client.hosting()->info().port);
    QVERIFY(client.hosting()->info().port >= chosenPort);
    // The main window is usable: its conversation list came from the hosted server.
    QTRY_VERIFY_WITH_TIMEOUT(visibleTopLevel<Ui::MainWindow>()->conversations()->isLoaded(), 30000);
}

QTEST_MAIN(TestWelcomeWindow)
#include "tst_welcomewindow.moc"
