#include "app/ui/clientapplication.h"

#include "app/core/certificatepinstore.h"
#include "app/core/keychainsecretstore.h"
#include "app/core/memorysecretstore.h"
#include "app/core/notificationsettings.h"
#include "app/core/session.h"
#include "app/core/tlstrust.h"
#include "app/ui/benchrefreshtoken.h"
#include "app/ui/inputvalidation.h"
#include "app/ui/mainwindow.h"
#include "app/ui/notificationcenter.h"
#include "app/ui/signinwindow.h"

#include <QPointer>
#include <QStatusBar>

namespace Confab::Ui {

using namespace Client;

namespace {
const QString serverKey = QStringLiteral("serverAddress");
const QString usernameKey = QStringLiteral("username");

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
    // Windows first: they hold the session.
    m_main.reset();
    m_signIn.reset();
    m_session.reset();
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

void ClientApplication::showSignIn(const QString &error)
{
    m_signIn = std::make_unique<SignInWindow>(m_secrets.get());
    m_signIn->setTlsTrust(m_trust.get());
    m_signIn->setServerAddress(m_serverAddress);
    m_signIn->setUsername(m_settings.value(usernameKey).toString());
    m_signIn->setNote(m_secretNote);
    m_signIn->showError(error);
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
        m_main->hide();
        m_main.release()->deleteLater();
    }
    if (m_session)
        m_session.release()->deleteLater();
    const bool asked = reason.code == QStringLiteral("signed_out");
    showSignIn(asked ? QString() : tr("You were signed out: %1").arg(reason.message));
}

} // namespace Confab::Ui
