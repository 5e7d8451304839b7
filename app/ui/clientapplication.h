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

class MainWindow;
class NotificationCenter;
class SignInWindow;

/// The client's top level: picks the secret store (the keychain, or memory for this run
/// when there is none), resumes the last session or shows the sign-in window, and swaps
/// windows on sign-in and sign-out.
class ClientApplication : public QObject
{
    Q_OBJECT
public:
    /// `serverAddress` (from --server) wins over the one remembered for the profile.
    ClientApplication(QString profile, QString serverAddress, QObject *parent = nullptr);
    ~ClientApplication() override;

    void start();

    MainWindow *mainWindow() const { return m_main.get(); }
    NotificationCenter *notifications() const;

private:
    QCoro::Task<> doStart();
    QCoro::Task<> doSignOut();
    void showSignIn(const QString &error);
    void showMain();
    void onSessionEnded(const Confab::Error &reason);

    QString m_profile;
    QString m_serverAddress;
    QSettings m_settings;
    /// The server certificates this profile trusts; declared before the session that uses them.
    std::unique_ptr<Client::CertificatePinStore> m_pins;
    std::unique_ptr<Client::TlsTrust> m_trust;
    std::unique_ptr<Client::NotificationSettings> m_notificationSettings;
    QPointer<NotificationCenter> m_notifications; ///< owned by m_main
    std::unique_ptr<Client::SecretStore> m_secrets;
    QString m_secretNote; ///< shown while secrets are kept in memory only
    std::unique_ptr<Client::Session> m_session;
    std::unique_ptr<SignInWindow> m_signIn;
    std::unique_ptr<MainWindow> m_main;
};

} // namespace Confab::Ui
