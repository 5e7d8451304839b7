#include "app/ui/clientapplication.h"

#include "app/core/certificatepinstore.h"
#include "app/core/keychainsecretstore.h"
#include "app/core/memorysecretstore.h"
#include "app/core/notificationsettings.h"
#include "app/core/session.h"
#include "app/core/tlstrust.h"
#include "app/ui/benchrefreshtoken.h"
#include "app/ui/hostingcontroller.h"
#include "app/ui/hostingstatuswidget.h"
#include "app/ui/inputvalidation.h"
#include "app/ui/invitedialog.h"
#include "app/ui/mainwindow.h"
#include "app/ui/notificationcenter.h"
#include "app/ui/signinwindow.h"
#include "app/ui/systemusername.h"
#include "app/ui/welcomewindow.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>

namespace Confab::Ui {

using namespace Client;

namespace {
const QString serverKey = QStringLiteral("serverAddress");
const QString usernameKey = QStringLiteral("username");
const QString hostingEnabledKey = QStringLiteral("hosting/enabled");
const QString hostingPortKey = QStringLiteral("hosting/port");
const QString hostingNameKey = QStringLiteral("hosting/name");
/// Off only where no DNS-SD daemon should be asked (tests).
const QString hostingAdvertiseKey = QStringLiteral("hosting/advertise");
constexpr quint16 kDefaultHostingPort = 8080;

QString settingsName(const QString &profile)
{
    return profile == QStringLiteral("default") ? QStringLiteral("Confab")
                                                : QStringLiteral("Confab-") + profile;
}
} // namespace

ClientApplication::ClientApplication(QString profile, QString serverAddress, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_serverAddress(std::move(serverAddress))
    , m_serverGiven(!m_serverAddress.isEmpty())
    , m_settings(QStringLiteral("Confab"), settingsName(m_profile))
    , m_pins(std::make_unique<CertificatePinStore>(m_settings.fileName()))
    , m_trust(std::make_unique<TlsTrust>(m_pins.get()))
    , m_notificationSettings(std::make_unique<NotificationSettings>(&m_settings))
{
    if (m_serverAddress.isEmpty())
        m_serverAddress = m_settings.value(serverKey).toString();
}

ClientApplication::~ClientApplication()
{
    // Windows first: they hold the session; the session before the server it talks to.
    m_main.reset();
    m_signIn.reset();
    m_welcome.reset();
    m_session.reset();
    m_hosting.reset();
}

QString ClientApplication::hostingDataDirectory() const
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(m_profile + QStringLiteral("/hosting"));
}

NotificationCenter *ClientApplication::notifications() const
{
    return m_notifications;
}

void ClientApplication::start()
{
    doStart();
}

QCoro::Task<> ClientApplication::doStart()
{
    QPointer<ClientApplication> self(this);
    auto keychain = std::make_unique<KeychainSecretStore>(m_profile);
    auto probeTask = keychain->readSecret(QStringLiteral("probe"));
    Result<QString> probe = co_await probeTask;
    if (!self)
        co_return;
    if (!probe && probe.error().code == QStringLiteral("secret_store_unavailable")) {
        m_secrets = std::make_unique<MemorySecretStore>();
        m_secretNote =
            tr("No secret store is available: you will stay signed in for this run only");
    } else {
        m_secrets = std::move(keychain);
    }

    if (!m_serverGiven && m_settings.value(hostingEnabledKey).toBool()) {
        startHosting(m_settings.value(hostingNameKey).toString());
        co_return;
    }
    if (m_serverAddress.isEmpty()) {
        showWelcome({});
        co_return;
    }

    // Resume the previous run's session when the keychain kept it (or, benchmark-only, when
    // confab-bench handed one over: docs/performance.md).
    const QString benchToken = takeBenchRefreshToken();
    if ((m_secretNote.isEmpty() || !benchToken.isEmpty())
        && serverAddressProblem(m_serverAddress).isEmpty()) {
        m_session = std::make_unique<Session>(serverUrlFromInput(m_serverAddress), m_secrets.get());
        m_session->setTlsTrust(m_trust.get());
        if (!benchToken.isEmpty()) {
            auto seed = m_secrets->writeSecret(m_session->secretKey(), benchToken);
            co_await seed;
            if (!self)
                co_return;
        }
        auto restoreTask = m_session->restore();
        Result<User> restored = co_await restoreTask;
        if (!self)
            co_return;
        if (restored) {
            showMain();
            co_return;
        }
        m_session.reset();
    }
    showSignIn({});
}

void ClientApplication::showWelcome(const QString &error)
{
    if (!m_welcome) {
        m_welcome = std::make_unique<WelcomeWindow>();
        const QString remembered = m_settings.value(hostingNameKey).toString();
        m_welcome->setHostName(remembered.isEmpty() ? systemUserFullName() : remembered);
        m_welcome->setPort(
            static_cast<quint16>(m_settings.value(hostingPortKey, kDefaultHostingPort).toUInt()));
        connect(
            m_welcome.get(), &WelcomeWindow::hostRequested, this, &ClientApplication::startHosting);
        connect(m_welcome.get(), &WelcomeWindow::joinRequested, this, [this] {
            m_settings.setValue(hostingEnabledKey, false);
            m_welcome->hide();
            m_welcome.release()->deleteLater(); // we are inside its signal
            showSignIn({});
        });
    }
    m_welcome->setBusy(false);
    if (!error.isEmpty())
        m_welcome->showError(error);
    m_welcome->show();
    m_welcome->raise();
}

void ClientApplication::showSignIn(const QString &error)
{
    m_signIn = std::make_unique<SignInWindow>(m_secrets.get());
    m_signIn->setTlsTrust(m_trust.get());
    m_signIn->setServerAddress(m_serverAddress);
    m_signIn->setUsername(m_settings.value(usernameKey).toString());
    m_signIn->setNote(m_secretNote);
    m_signIn->showError(error);
    // Whoever did not name a server on the command line may still choose to host.
    m_signIn->setHostingOffered(!m_serverGiven);
    connect(m_signIn.get(), &SignInWindow::hostInsteadRequested, this, [this] {
        m_signIn->hide();
        m_signIn.release()->deleteLater(); // we are inside its signal
        showWelcome({});
    });
    connect(m_signIn.get(), &SignInWindow::signedIn, this, [this] {
        m_session = m_signIn->takeSession();
        m_serverAddress = m_signIn->serverAddress();
        m_settings.setValue(serverKey, m_serverAddress);
        m_settings.setValue(usernameKey, m_session->user().username);
        m_signIn.release()->deleteLater(); // we are inside its signal
        showMain();
    });
    m_signIn->show();
}

void ClientApplication::showMain()
{
    m_main = std::make_unique<MainWindow>(m_session.get());
    m_notifications = new NotificationCenter(m_main.get(), m_notificationSettings.get());
    if (!m_secretNote.isEmpty())
        m_main->statusBar()->showMessage(m_secretNote, 10000);
    connect(m_main.get(), &MainWindow::signOutRequested, this, [this] { doSignOut(); });
    connect(m_session.get(), &Session::signedOut, this, &ClientApplication::onSessionEnded);
    connect(m_session.get(), &Session::secretNotStored, m_main.get(), [this] {
        m_main->statusBar()->showMessage(
            tr("No secret store is available: you will stay signed in for this run only"));
    });
    if (m_hosting)
        attachHostingStatus();
    m_main->show();
}

QCoro::Task<> ClientApplication::doSignOut()
{
    QPointer<ClientApplication> self(this);
    if (!m_session)
        co_return;
    auto task = m_session->signOut(); // emits signedOut, which swaps the windows
    co_await task;
    if (!self)
        co_return;
}

void ClientApplication::onSessionEnded(const Error &reason)
{
    // Deleted later: this runs inside the session's (and maybe the window's) call stack.
    if (m_main) {
        m_main->removeEventFilter(this);
        m_main->hide();
        m_main.release()->deleteLater();
    }
    if (m_session)
        m_session.release()->deleteLater();
    const bool asked = reason.code == QStringLiteral("signed_out");
    const QString error = asked ? QString() : tr("You were signed out: %1").arg(reason.message);
    if (m_hosting) {
        // A host is never shown the sign-in window: the server stops, then the welcome window.
        connect(m_hosting.get(), &HostingController::stopped, this,
            [this, error] { afterHostingStopped(error); });
        m_hosting->stop();
        return;
    }
    showSignIn(error);
}

void ClientApplication::startHosting(const QString &name)
{
    m_settings.setValue(hostingEnabledKey, true);
    m_settings.setValue(hostingNameKey, name);
    if (m_welcome) {
        m_settings.setValue(hostingPortKey, m_welcome->port());
        m_welcome->setBusy(true);
    }

    Host::HostSettings settings;
    settings.dataDirectory = hostingDataDirectory();
    settings.port =
        static_cast<quint16>(m_settings.value(hostingPortKey, kDefaultHostingPort).toUInt());
    settings.advertise = m_settings.value(hostingAdvertiseKey, true).toBool();
    m_hosting = std::make_unique<HostingController>(m_secrets.get(), m_trust.get());
    connect(m_hosting.get(), &HostingController::ready, this, &ClientApplication::onHostingReady);
    connect(m_hosting.get(), &HostingController::failed, this, &ClientApplication::onHostingFailed);
    m_hosting->start(settings, name);
}

void ClientApplication::onHostingReady()
{
    m_session = m_hosting->takeSession();
    // The port actually used is the one to try first next time: guests keep their address.
    m_settings.setValue(hostingPortKey, m_hosting->info().port);
    if (m_welcome) {
        m_welcome->hide();
        m_welcome.release()->deleteLater(); // maybe inside its signal
    }
    showMain();
}

void ClientApplication::onHostingFailed(const QString &message)
{
    if (m_main) {
        // The server failed while the window was up: say so there, it cannot go on.
        m_main->statusBar()->showMessage(tr("Hosting stopped: %1").arg(message));
        return;
    }
    m_hosting.release()->deleteLater(); // inside its signal
    showWelcome(tr("Couldn't start hosting: %1").arg(message));
}

void ClientApplication::attachHostingStatus()
{
    m_hostingStatus = new HostingStatusWidget(m_main.get());
    m_hostingStatus->attach(m_main.get());
    m_hostingStatus->setInfo(m_hosting->info());
    m_hostingStatus->setOnlineCount(std::max(1, m_hosting->onlineCount()));
    connect(m_hosting.get(), &HostingController::onlineCountChanged, m_hostingStatus,
        [status = m_hostingStatus](int count) { status->setOnlineCount(std::max(1, count)); });
    connect(m_hosting.get(), &HostingController::announcedNameChanged, m_hostingStatus,
        &HostingStatusWidget::setAnnouncedName);
    connect(m_hostingStatus, &HostingStatusWidget::inviteRequested, this,
        &ClientApplication::showInvite);
    connect(m_hostingStatus, &HostingStatusWidget::stopRequested, this,
        &ClientApplication::confirmStopHosting);
    // Signing out of one's own server means stopping it: the Hosting menu does that.
    if (auto *signOut = m_main->findChild<QAction *>(QStringLiteral("signOutAction")))
        signOut->setVisible(false);
    m_main->installEventFilter(this);
}

void ClientApplication::showInvite()
{
    if (!m_invite) {
        m_invite = new InviteDialog(&m_session->api(), m_hosting->info(), m_main.get());
        m_invite->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_invite->show();
    m_invite->raise();
    m_invite->activateWindow();
}

namespace {

/// Asks, without a nested event loop, and runs `accepted` if the user agrees.
template<typename Accepted>
void askToStop(QWidget *parent, const QString &objectName, const QString &title,
    const QString &text, const QString &details, const QString &action, Accepted accepted)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Cancel, parent);
    box->setObjectName(objectName);
    box->setInformativeText(details);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *confirm = box->addButton(action, QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    QObject::connect(
        box, &QMessageBox::buttonClicked, parent, [confirm, accepted](QAbstractButton *button) {
            if (button == confirm)
                accepted();
        });
    box->open();
}

} // namespace

void ClientApplication::confirmStopHosting()
{
    if (!m_hosting || !m_main || m_stoppingHost)
        return;
    const int others = std::max(0, m_hosting->onlineCount() - 1);
    const QString text = others > 0
        ? tr("%n people are connected; they will be disconnected.", nullptr, others)
        : tr("Nobody else is connected.");
    askToStop(m_main.get(), QStringLiteral("stopHostingConfirmation"), tr("Stop hosting?"), text,
        tr("The conversations stay on this computer: host again to pick up where you left off."),
        tr("Stop hosting"), [this] { stopHosting(); });
}

void ClientApplication::stopHosting()
{
    if (!m_hosting || m_stoppingHost)
        return;
    m_stoppingHost = true;
    m_settings.setValue(hostingEnabledKey, false);
    doSignOut(); // signedOut → onSessionEnded, which stops the server
}

void ClientApplication::afterHostingStopped(const QString &error)
{
    m_stoppingHost = false;
    if (m_hosting)
        m_hosting.release()->deleteLater(); // inside its signal
    if (m_quitting)
        return;
    showWelcome(error);
}

bool ClientApplication::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_main.get() && event->type() == QEvent::Close && m_hosting && !m_quitting) {
        // Closing the window quits the app, which must stop the server first.
        event->ignore();
        confirmQuit();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

void ClientApplication::confirmQuit()
{
    const int others = std::max(0, m_hosting->onlineCount() - 1);
    if (others == 0) {
        quitHosting();
        return;
    }
    askToStop(m_main.get(), QStringLiteral("quitConfirmation"), tr("Quit Confab?"),
        tr("%n people are connected; they will be disconnected.", nullptr, others),
        tr("Hosting resumes the next time you start Confab."), tr("Quit"),
        [this] { quitHosting(); });
}

void ClientApplication::quitHosting()
{
    if (!m_hosting || m_quitting)
        return;
    m_quitting = true;
    m_main->hide();
    connect(m_hosting.get(), &HostingController::stopped, this, [this] {
        Q_EMIT finished();
        QCoreApplication::quit();
    });
    m_hosting->stop();
}

} // namespace Confab::Ui
