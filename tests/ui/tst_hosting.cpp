// Hosting a chat from the app, for real: a ClientApplication on a fresh profile chooses Host in
// the welcome window, its embedded server starts (TLS, SQLite in the profile's data directory)
// and its window comes up signed in; a guest client trusts the fingerprint, registers over TLS
// and chats both ways; quitting asks while the guest is on; a restart resumes the same chat
// without the welcome window; stopping hosting disconnects the guest and goes back to welcome.
#include "app/core/apiclient.h"
#include "app/core/memorysecretstore.h"
#include "app/core/messagelistmodel.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"
#include "app/core/tlstrust.h"
#include "app/ui/clientapplication.h"
#include "app/ui/composer.h"
#include "app/ui/hostingcontroller.h"
#include "app/ui/hostingstatuswidget.h"
#include "app/ui/invitedialog.h"
#include "app/ui/mainwindow.h"
#include "app/ui/translationloader.h"
#include "app/ui/welcomewindow.h"
#include "tests/client/clienttesthelpers.h"
#include "tests/ui/widgettesthelpers.h"

#include <QAction>
#include <QApplication>
#include <QCommandLinkButton>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Confab;
using namespace Confab::Testing;
using namespace Confab::Client;
using Confab::Testing::await;

namespace {

const QString profile = QStringLiteral("hosttest");
constexpr int kSlow = 30000; // starting a server, hashing a password: generous, never timed

template<typename T>
T *visibleTopLevel()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (auto *window = qobject_cast<T *>(widget); window && window->isVisible())
            return window;
    }
    return nullptr;
}

QStringList contents(const QAbstractItemModel *model)
{
    QStringList out;
    for (int row = 0; model && row < model->rowCount(); ++row)
        out << model->index(row, 0).data(MessageListModel::ContentRole).toString();
    return out;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::Any, 0);
    return probe.serverPort();
}

/// Counts every welcome window that is shown, anywhere in the application.
class WelcomeWatcher : public QObject
{
public:
    int shown = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Show && qobject_cast<Ui::WelcomeWindow *>(watched))
            ++shown;
        return false;
    }
};

CreateConversationRequest directWith(qint64 userId)
{
    CreateConversationRequest request;
    request.participantIds = {userId};
    return request;
}

SendMessageRequest text(const QString &content)
{
    SendMessageRequest request;
    request.content = content;
    return request;
}

RegisterRequest guestAccount()
{
    RegisterRequest request;
    request.username = QStringLiteral("guest");
    request.password = QStringLiteral("correct horse");
    request.displayName = QStringLiteral("Gus the Guest");
    return request;
}

} // namespace

class TestHosting : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void hostsFromTheWelcomeWindow();
    void guestJoinsOverTlsAndChats();
    void invitesFromTheHostingMenu();
    void quitAsksWhileOthersAreOnline();
    void restartResumesWithoutWelcome();
    void stopHostingDisconnectsAndReturnsToWelcome();

private:
    void startGuest();
    QString statusText() const;

    QTemporaryDir m_home;
    Ui::TranslationLoader m_translations; ///< English plurals ("1 person online")
    quint16 m_port = 0;
    std::unique_ptr<Ui::ClientApplication> m_app;
    MemorySecretStore m_guestSecrets;
    std::unique_ptr<TlsTrust> m_guestTrust;
    std::unique_ptr<Session> m_guest;
    std::unique_ptr<RealtimeClient> m_guestRealtime;
    qint64 m_conversation = 0;
};

void TestHosting::initTestCase()
{
    if (qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("a session bus may offer a Secret Service; this test is for headless runs");
    QVERIFY(m_home.isValid());
    QVERIFY(m_translations.load(QLocale(QLocale::English, QLocale::UnitedStates)));
    // A fresh profile: settings, pins and the hosted chat's data all under a temporary home.
    qputenv("HOME", QFile::encodeName(m_home.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("data"))));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("cache"))));
    QStandardPaths::setTestModeEnabled(true);

    m_port = freePort();
    QVERIFY(m_port);
    QSettings settings(QStringLiteral("Confab"), QStringLiteral("Confab-") + profile);
    QVERIFY(settings.fileName().startsWith(m_home.path()));
    settings.setValue(QStringLiteral("hosting/port"), m_port);
    settings.setValue(QStringLiteral("hosting/advertise"), false); // no DNS-SD daemon here
}

void TestHosting::cleanupTestCase()
{
    m_guestRealtime.reset();
    m_guest.reset();
    m_app.reset();
}

QString TestHosting::statusText() const
{
    auto *main = m_app ? m_app->mainWindow() : nullptr;
    auto *status = main ? main->findChild<Ui::HostingStatusWidget *>() : nullptr;
    return status ? status->text() : QString();
}

void TestHosting::hostsFromTheWelcomeWindow()
{
    m_app = std::make_unique<Ui::ClientApplication>(profile, QString());
    m_app->start();
    QTRY_VERIFY_WITH_TIMEOUT(visibleTopLevel<Ui::WelcomeWindow>(), kSlow);
    Ui::WelcomeWindow *welcome = visibleTopLevel<Ui::WelcomeWindow>();
    auto *name = child<QLineEdit>(*welcome, "hostNameField");
    QVERIFY(!name->text().isEmpty()); // prefilled from this computer's account
    name->setText(QStringLiteral("Alice Host"));
    saveScreenshot(*welcome, QStringLiteral("hosting-welcome.png"));
    QTest::mouseClick(child<QCommandLinkButton>(*welcome, "hostButton"), Qt::LeftButton);

    QTRY_VERIFY_WITH_TIMEOUT(visibleTopLevel<Ui::MainWindow>(), kSlow);
    QTRY_VERIFY(!visibleTopLevel<Ui::WelcomeWindow>());
    Ui::MainWindow *main = m_app->mainWindow();
    QCOMPARE(visibleTopLevel<Ui::MainWindow>(), main);
    QCOMPARE(child<QLabel>(*main, "selfLabel")->text(), QStringLiteral("Signed in as Alice Host"));
    QTRY_COMPARE_WITH_TIMEOUT(main->realtime()->state(), RealtimeClient::State::Connected, kSlow);

    const Host::HostInfo info = m_app->hosting()->info();
    QCOMPARE(info.port, m_port);
    QVERIFY(info.tls);
    QVERIFY(!info.fingerprint.isEmpty());
    QTRY_VERIFY(statusText().startsWith(QStringLiteral("Hosting on ")));
    QTRY_VERIFY(statusText().endsWith(QStringLiteral(":%1 — 1 person online").arg(m_port)));
    auto *label = child<QLabel>(*main, "hostingStatusLabel");
    QVERIFY(label->toolTip().remove(QLatin1Char('\n')).contains(info.fingerprint));
    // Sign-out is replaced by Stop hosting: a host never sees the sign-in window.
    QVERIFY(!child<QAction>(*main, "signOutAction")->isVisible());

    // The chat's data is in the profile's data directory, and the choice is remembered.
    QVERIFY(QFileInfo::exists(m_app->hostingDataDirectory() + QStringLiteral("/confab.db")));
    QSettings settings(QStringLiteral("Confab"), QStringLiteral("Confab-") + profile);
    QCOMPARE(settings.value(QStringLiteral("hosting/enabled")).toBool(), true);
    QCOMPARE(
        settings.value(QStringLiteral("hosting/name")).toString(), QStringLiteral("Alice Host"));
    main->resize(900, 560);
    saveScreenshot(*main, QStringLiteral("hosting-main-window.png"));
}

void TestHosting::startGuest()
{
    const Host::HostInfo info = m_app->hosting()->info();
    const QUrl url(QStringLiteral("https://127.0.0.1:%1").arg(info.port));
    m_guestTrust = std::make_unique<TlsTrust>();
    m_guest = std::make_unique<Session>(url, &m_guestSecrets);
    m_guest->setTlsTrust(m_guestTrust.get());
    // Without the fingerprint the guest's client refuses the host's certificate ...
    const Result<User> refused = await(m_guest->signUp(guestAccount()));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("certificate_untrusted"));
    // ... and with the one the host shows, it goes on.
    m_guestTrust->pin(url, info.fingerprint);
}

void TestHosting::guestJoinsOverTlsAndChats()
{
    startGuest();
    const Result<User> guest = await(m_guest->signUp(guestAccount()));
    QVERIFY2(guest, qPrintable(guest ? QString() : guest.error().message));
    m_guestRealtime = std::make_unique<RealtimeClient>(m_guest.get());
    QSignalSpy received(m_guestRealtime.get(), &RealtimeClient::messageCreated);
    m_guestRealtime->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_guestRealtime->state(), RealtimeClient::State::Connected, kSlow);
    QTRY_VERIFY_WITH_TIMEOUT(statusText().endsWith(QStringLiteral(" — 2 people online")), kSlow);

    // Guest → host: the host's window lists the new conversation and shows the message.
    Ui::MainWindow *main = m_app->mainWindow();
    const Result<Conversation> direct =
        await(m_guest->api().createConversation(directWith(main->selfId())));
    QVERIFY(direct);
    m_conversation = direct->id;
    QVERIFY(await(m_guest->api().sendMessage(m_conversation, text(QStringLiteral("Hi Alice!")))));
    QTRY_VERIFY_WITH_TIMEOUT(main->openConversation(m_conversation), kSlow);
    auto *messages = child<QListView>(*main, "messageList");
    QTRY_COMPARE_WITH_TIMEOUT(
        contents(messages->model()), QStringList {QStringLiteral("Hi Alice!")}, kSlow);

    // Host → guest, through the window's composer.
    auto *composer = child<Ui::Composer>(*main, "composer");
    composer->setFocus();
    QTest::keyClicks(composer, QStringLiteral("Welcome, Gus!"));
    QTest::keyClick(composer, Qt::Key_Return);
    const auto guestGot = [&received](const QString &content) {
        for (const QList<QVariant> &signal : received) {
            if (signal.at(0).value<Message>().content == content)
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(guestGot(QStringLiteral("Welcome, Gus!")), kSlow);
    saveScreenshot(*main, QStringLiteral("hosting-chat.png"));
}

void TestHosting::invitesFromTheHostingMenu()
{
    Ui::MainWindow *main = m_app->mainWindow();
    child<QAction>(*main, "inviteAction")->trigger();
    QTRY_VERIFY(main->findChild<Ui::InviteDialog *>());
    auto *dialog = main->findChild<Ui::InviteDialog *>();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), kSlow);
    QVERIFY(child<QLineEdit>(*dialog, "addressField")
                ->text()
                .endsWith(QStringLiteral(":%1").arg(m_port)));
    QCOMPARE(child<QLabel>(*dialog, "fingerprintLabel")->text().remove(QLatin1Char('\n')),
        m_app->hosting()->info().fingerprint);
    QTest::mouseClick(child<QPushButton>(*dialog, "createInviteButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        !child<QLineEdit>(*dialog, "inviteCodeField")->text().isEmpty(), kSlow);
    saveScreenshot(*dialog, QStringLiteral("hosting-invite-dialog.png"));
    dialog->close();
}

void TestHosting::quitAsksWhileOthersAreOnline()
{
    Ui::MainWindow *main = m_app->mainWindow();
    QSignalSpy finished(m_app.get(), &Ui::ClientApplication::finished);
    main->close();
    QTRY_VERIFY(main->findChild<QMessageBox *>(QStringLiteral("quitConfirmation")));
    auto *box = main->findChild<QMessageBox *>(QStringLiteral("quitConfirmation"));
    QVERIFY(box->text().startsWith(QStringLiteral("1 person is connected")));
    saveScreenshot(*box, QStringLiteral("hosting-quit-confirmation.png"));
    // Cancel: nothing happens.
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(!main->findChild<QMessageBox *>(QStringLiteral("quitConfirmation")));
    QVERIFY(main->isVisible());
    QVERIFY(m_app->hosting()->isReady());
    QCOMPARE(finished.count(), 0);

    // Quit for real: the server stops, the guest sees it go away, the app may exit.
    main->close();
    QTRY_VERIFY(main->findChild<QMessageBox *>(QStringLiteral("quitConfirmation")));
    box = main->findChild<QMessageBox *>(QStringLiteral("quitConfirmation"));
    QTest::mouseClick(child<QPushButton>(*box, "confirmButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kSlow);
    QVERIFY(!main->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(m_guestRealtime->state(), RealtimeClient::State::Reconnecting, kSlow);
    m_app.reset();
}

void TestHosting::restartResumesWithoutWelcome()
{
    WelcomeWatcher welcomes;
    qApp->installEventFilter(&welcomes);
    m_app = std::make_unique<Ui::ClientApplication>(profile, QString());
    m_app->start();
    QTRY_VERIFY_WITH_TIMEOUT(visibleTopLevel<Ui::MainWindow>(), kSlow);
    qApp->removeEventFilter(&welcomes);
    QCOMPARE(welcomes.shown, 0);
    Ui::MainWindow *main = m_app->mainWindow();
    QCOMPARE(child<QLabel>(*main, "selfLabel")->text(), QStringLiteral("Signed in as Alice Host"));
    QCOMPARE(m_app->hosting()->info().port, m_port); // the same address for the guests

    // The same history, both ways.
    QTRY_VERIFY_WITH_TIMEOUT(main->openConversation(m_conversation), kSlow);
    auto *messages = child<QListView>(*main, "messageList");
    QTRY_COMPARE_WITH_TIMEOUT(contents(messages->model()),
        (QStringList {QStringLiteral("Hi Alice!"), QStringLiteral("Welcome, Gus!")}), kSlow);

    // The guest's client finds the server back by itself.
    m_guestRealtime->setBackoff(std::chrono::milliseconds(200), std::chrono::milliseconds(1000));
    QTRY_COMPARE_WITH_TIMEOUT(m_guestRealtime->state(), RealtimeClient::State::Connected, kSlow);
    QTRY_VERIFY_WITH_TIMEOUT(statusText().endsWith(QStringLiteral(" — 2 people online")), kSlow);
}

void TestHosting::stopHostingDisconnectsAndReturnsToWelcome()
{
    Ui::MainWindow *main = m_app->mainWindow();
    child<QAction>(*main, "stopHostingAction")->trigger();
    QTRY_VERIFY(main->findChild<QMessageBox *>(QStringLiteral("stopHostingConfirmation")));
    auto *box = main->findChild<QMessageBox *>(QStringLiteral("stopHostingConfirmation"));
    QVERIFY(box->text().startsWith(QStringLiteral("1 person is connected")));
    QTest::mouseClick(child<QPushButton>(*box, "confirmButton"), Qt::LeftButton);

    QTRY_COMPARE_WITH_TIMEOUT(m_guestRealtime->state(), RealtimeClient::State::Reconnecting, kSlow);
    QTRY_VERIFY_WITH_TIMEOUT(visibleTopLevel<Ui::WelcomeWindow>(), kSlow);
    QVERIFY(!visibleTopLevel<Ui::MainWindow>());
    QVERIFY(!m_app->hosting());
    QSettings settings(QStringLiteral("Confab"), QStringLiteral("Confab-") + profile);
    QCOMPARE(settings.value(QStringLiteral("hosting/enabled")).toBool(), false);
    // The name is kept for the next time.
    QCOMPARE(child<QLineEdit>(*visibleTopLevel<Ui::WelcomeWindow>(), "hostNameField")->text(),
        QStringLiteral("Alice Host"));
}

QTEST_MAIN(TestHosting)
#include "tst_hosting.moc"
