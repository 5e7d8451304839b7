// The whole LAN story with two apps in one process and a real avahi-daemon: one app hosts
// from its welcome window and announces itself; the other chooses Join a server, finds it in
// the sign-in window's list of servers on this network, sees that the certificate served is
// the one announced (TXT fp), trusts it, creates an account, and the two chat both ways
// through their windows. Runs inside scripts/lan-harness.sh (CONFAB_TEST_AVAHI=1); skips
// elsewhere.
#include "app/core/apiclient.h"
#include "app/core/discoveredservermodel.h"
#include "app/core/messagelistmodel.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"
#include "app/ui/clientapplication.h"
#include "app/ui/composer.h"
#include "app/ui/discoveredserverpicker.h"
#include "app/ui/hostingcontroller.h"
#include "app/ui/hostingstatuswidget.h"
#include "app/ui/mainwindow.h"
#include "app/ui/servertrustpanel.h"
#include "app/ui/signinwindow.h"
#include "app/ui/welcomewindow.h"
#include "tests/client/clienttesthelpers.h"
#include "tests/ui/widgettesthelpers.h"

#include <QApplication>
#include <QCommandLinkButton>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Confab;
using namespace Confab::Client;
using namespace Confab::Testing;
using Confab::Testing::await;

namespace {

constexpr int kSlow = 30000; // discovery, key generation, hashing: generous, never timed

QStringList contents(const QAbstractItemModel *model)
{
    QStringList out;
    for (int row = 0; model && row < model->rowCount(); ++row)
        out << model->index(row, 0).data(MessageListModel::ContentRole).toString();
    return out;
}

int rowWithFingerprint(const DiscoveredServerModel *model, const QString &fingerprint)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row).data(DiscoveredServerModel::FingerprintRole).toString()
            == fingerprint)
            return row;
    }
    return -1;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::Any, 0);
    return probe.serverPort();
}

CreateConversationRequest directWith(qint64 userId)
{
    CreateConversationRequest request;
    request.participantIds = {userId};
    return request;
}

void type(QLineEdit *field, const QString &text)
{
    field->clear();
    QTest::keyClicks(field, text);
}

void send(Ui::MainWindow &window, const QString &text)
{
    auto *composer = child<Ui::Composer>(window, "composer");
    composer->setFocus();
    QTest::keyClicks(composer, text);
    QTest::keyClick(composer, Qt::Key_Return);
}

} // namespace

class TestHostDiscovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void hostDiscoverTrustRegisterAndChat();
    void cleanupTestCase();

private:
    QTemporaryDir m_home;
    std::unique_ptr<Ui::ClientApplication> m_host;
    std::unique_ptr<Ui::ClientApplication> m_guest;
};

void TestHostDiscovery::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("CONFAB_TEST_AVAHI"))
        QSKIP("LAN discovery needs avahi-daemon: run through scripts/lan-harness.sh "
              "(scripts/test.sh does), which sets CONFAB_TEST_AVAHI=1.");
    if (qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("a session bus may offer a Secret Service; this test is for headless runs");
    QVERIFY(m_home.isValid());
    qputenv("HOME", QFile::encodeName(m_home.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("data"))));
    QStandardPaths::setTestModeEnabled(true);
    QSettings host(QStringLiteral("Confab"), QStringLiteral("Confab-lanhost"));
    host.setValue(QStringLiteral("hosting/port"), freePort());
}

void TestHostDiscovery::hostDiscoverTrustRegisterAndChat()
{
    // The host: Host a chat on this computer, announced on the network (the default).
    m_host = std::make_unique<Ui::ClientApplication>(QStringLiteral("lanhost"), QString());
    m_host->start();
    QTRY_VERIFY_WITH_TIMEOUT(
        m_host->welcomeWindow() && m_host->welcomeWindow()->isVisible(), kSlow);
    Ui::WelcomeWindow *welcome = m_host->welcomeWindow();
    type(child<QLineEdit>(*welcome, "hostNameField"), QStringLiteral("Dana"));
    QTest::mouseClick(child<QCommandLinkButton>(*welcome, "hostButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_host->mainWindow() && m_host->mainWindow()->isVisible(), kSlow);
    const QString fingerprint = m_host->hosting()->info().fingerprint;
    QVERIFY(!fingerprint.isEmpty());

    // The guest: Join a server, and the sign-in window lists the host with its fingerprint.
    m_guest = std::make_unique<Ui::ClientApplication>(QStringLiteral("languest"), QString());
    m_guest->start();
    QTRY_VERIFY_WITH_TIMEOUT(
        m_guest->welcomeWindow() && m_guest->welcomeWindow()->isVisible(), kSlow);
    QTest::mouseClick(
        child<QCommandLinkButton>(*m_guest->welcomeWindow(), "joinButton"), Qt::LeftButton);
    Ui::SignInWindow *signIn = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (signIn =
                [] {
                    for (QWidget *widget : QApplication::topLevelWidgets()) {
                        if (auto *window = qobject_cast<Ui::SignInWindow *>(widget);
                            window && window->isVisible())
                            return window;
                    }
                    return static_cast<Ui::SignInWindow *>(nullptr);
                }())
            != nullptr,
        kSlow);
    auto *picker = child<Ui::DiscoveredServerPicker>(*signIn, "discoveredServerPicker");
    QVERIFY2(picker->isVisible(), "the picker hides itself only when it cannot browse");
    QTRY_VERIFY_WITH_TIMEOUT(rowWithFingerprint(picker->serverModel(), fingerprint) >= 0, kSlow);
    const int row = rowWithFingerprint(picker->serverModel(), fingerprint);
    // The host's window names it as the network lists it.
    QTRY_VERIFY_WITH_TIMEOUT(!m_host->hosting()->info().announcedName.isEmpty(), kSlow);
    QCOMPARE(picker->serverModel()->index(row).data(DiscoveredServerModel::NameRole).toString(),
        m_host->hosting()->info().announcedName);
    QVERIFY(child<QLabel>(*m_host->mainWindow(), "hostingStatusLabel")
                ->toolTip()
                .contains(m_host->hosting()->info().announcedName));
    const QModelIndex entry = picker->serverModel()->index(row);
    QCOMPARE(entry.data(DiscoveredServerModel::PortRole).toInt(), m_host->hosting()->info().port);
    QVERIFY(entry.data(DiscoveredServerModel::TlsRole).toBool());
    picker->setCurrentIndex(row);
    Q_EMIT picker->activated(row);
    QVERIFY(signIn->serverAddress().startsWith(QStringLiteral("https://")));

    child<QRadioButton>(*signIn, "createModeButton")->setChecked(true);
    type(child<QLineEdit>(*signIn, "usernameField"), QStringLiteral("erin"));
    type(child<QLineEdit>(*signIn, "displayNameField"), QStringLiteral("Erin"));
    type(child<QLineEdit>(*signIn, "passwordField"), QStringLiteral("correct horse"));
    type(child<QLineEdit>(*signIn, "confirmField"), QStringLiteral("correct horse"));
    QTest::mouseClick(child<QPushButton>(*signIn, "submitButton"), Qt::LeftButton);

    // The certificate served is the announced one: the guest is asked, with that fingerprint.
    auto *panel = child<Ui::ServerTrustPanel>(*signIn, "serverTrustPanel");
    QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), kSlow);
    QCOMPARE(child<QLabel>(*signIn, "currentFingerprint")->text().remove(QLatin1Char('\n')),
        fingerprint);
    QTest::mouseClick(child<QPushButton>(*signIn, "trustButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_guest->mainWindow() && m_guest->mainWindow()->isVisible(), kSlow);
    Ui::MainWindow *guestWindow = m_guest->mainWindow();
    Ui::MainWindow *hostWindow = m_host->mainWindow();
    QTRY_COMPARE_WITH_TIMEOUT(
        guestWindow->realtime()->state(), RealtimeClient::State::Connected, kSlow);
    auto *status = hostWindow->findChild<Ui::HostingStatusWidget *>();
    QTRY_VERIFY_WITH_TIMEOUT(status->text().endsWith(QStringLiteral(" — 2 people online")), kSlow);

    // Both ways, through the windows' composers.
    const Result<Conversation> direct = await(
        m_host->session()->api().createConversation(directWith(m_guest->session()->user().id)));
    QVERIFY(direct);
    QTRY_VERIFY_WITH_TIMEOUT(hostWindow->openConversation(direct->id), kSlow);
    send(*hostWindow, QStringLiteral("Welcome, Erin!"));
    QTRY_VERIFY_WITH_TIMEOUT(guestWindow->openConversation(direct->id), kSlow);
    auto *guestMessages = child<QListView>(*guestWindow, "messageList");
    QTRY_VERIFY_WITH_TIMEOUT(
        contents(guestMessages->model()).contains(QStringLiteral("Welcome, Erin!")), kSlow);
    send(*guestWindow, QStringLiteral("Thanks, Dana!"));
    auto *hostMessages = child<QListView>(*hostWindow, "messageList");
    QTRY_VERIFY_WITH_TIMEOUT(
        contents(hostMessages->model()).contains(QStringLiteral("Thanks, Dana!")), kSlow);
}

void TestHostDiscovery::cleanupTestCase()
{
    m_guest.reset();
    if (m_host && m_host->hosting()) {
        QSignalSpy stopped(m_host->hosting(), &Ui::HostingController::stopped);
        m_host->hosting()->stop();
        QVERIFY(stopped.wait(kSlow));
    }
    m_host.reset();
}

QTEST_MAIN(TestHostDiscovery)
#include "tst_hostdiscovery.moc"
