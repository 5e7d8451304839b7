#pragma once

#include <QCoroTask>
#include <QObject>
#include <QPointer>
#include <QSettings>

#include <memory>

namespace Confab {
struct Error;
}

namespace Confab::Client {
class CertificatePinStore;
class NotificationSettings;
class SecretStore;
class Session;
class TlsTrust;
} // namespace Confab::Client

namespace Confab::Ui {

class HostingController;
class HostingStatusWidget;
class InviteDialog;
class MainWindow;
class NotificationCenter;
class SignInWindow;
class WelcomeWindow;

/// The client's top level: picks the secret store (the keychain, or memory for this run
/// when there is none), resumes the last session, hosts the chat on this computer, or shows
/// the welcome or sign-in window, and swaps windows on sign-in and sign-out.
///
/// Hosting (chosen in the welcome window, remembered in the profile's settings under
/// `hosting/`) runs an embedded server with its data in the profile's data directory; quitting
/// or stopping it waits for the server to stop without blocking the window.
class ClientApplication : public QObject
{
    Q_OBJECT
public:
    /// `serverAddress` (from --server) wins over the one remembered for the profile.
    ClientApplication(QString profile, QString serverAddress, QObject *parent = nullptr);
    ~ClientApplication() override;

    void start();

    MainWindow *mainWindow() const { return m_main.get(); }
    /// The signed-in session the main window shows (null while signed out).
    Client::Session *session() const { return m_session.get(); }
    NotificationCenter *notifications() const;
    WelcomeWindow *welcomeWindow() const { return m_welcome.get(); }
    /// The embedded server's controller while this computer hosts the chat.
    HostingController *hosting() const { return m_hosting.get(); }
    /// Where the hosted chat's data is kept for this profile.
    QString hostingDataDirectory() const;

Q_SIGNALS:
    /// Quitting while hosting: the server has stopped and the application may exit now
    /// (QCoreApplication::quit() has been called as well).
    void finished();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QCoro::Task<> doStart();
    QCoro::Task<> doSignOut();
    void showWelcome(const QString &error);
    void showSignIn(const QString &error);
    void showMain();
    void onSessionEnded(const Confab::Error &reason);

    void startHosting(const QString &name);
    void onHostingReady();
    void onHostingFailed(const QString &message);
    void attachHostingStatus();
    void showInvite();
    void confirmStopHosting();
    void stopHosting();
    void confirmQuit();
    void quitHosting();
    void afterHostingStopped(const QString &error);

    QString m_profile;
    QString m_serverAddress;
    bool m_serverGiven = false; ///< --server was given: it wins over hosting
    QSettings m_settings;
    /// The server certificates this profile trusts; declared before the session that uses them.
    std::unique_ptr<Client::CertificatePinStore> m_pins;
    std::unique_ptr<Client::TlsTrust> m_trust;
    std::unique_ptr<Client::NotificationSettings> m_notificationSettings;
    QPointer<NotificationCenter> m_notifications; ///< owned by m_main
    std::unique_ptr<Client::SecretStore> m_secrets;
    QString m_secretNote; ///< shown while secrets are kept in memory only
    std::unique_ptr<Client::Session> m_session;
    std::unique_ptr<WelcomeWindow> m_welcome;
    std::unique_ptr<SignInWindow> m_signIn;
    std::unique_ptr<HostingController> m_hosting; ///< declared before the windows using it
    std::unique_ptr<MainWindow> m_main;
    QPointer<HostingStatusWidget> m_hostingStatus; ///< owned by m_main
    QPointer<InviteDialog> m_invite; ///< owned by m_main
    bool m_stoppingHost = false;
    bool m_quitting = false;
};

} // namespace Confab::Ui
