#pragma once

#include "common/authrequests.h"

#include <QCoroTask>
#include <QPointer>
#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace Confab::Client {
class SecretStore;
class Session;
class TlsTrust;
} // namespace Confab::Client

namespace Confab::Ui {

class ServerTrustPanel;
class DiscoveredServerPicker;

/// Signs in or creates an account. Checks the fields against the server's rules before any
/// request, shows the server's own message when it refuses, and emits signedIn() with a
/// Session ready to be taken. A server certificate that is not trusted yet (or changed)
/// brings up a ServerTrustPanel; trusting it pins it and tries again.
class SignInWindow : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { SignIn, CreateAccount };

    /// `secrets` keeps the refresh token of the session made here; it must outlive it.
    explicit SignInWindow(Client::SecretStore *secrets, QWidget *parent = nullptr);
    ~SignInWindow() override;

    void setServerAddress(const QString &address);
    QString serverAddress() const;
    void setUsername(const QString &username);
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    /// A standing remark above the form (e.g. that secrets are kept for this run only).
    void setNote(const QString &note);
    /// A message in the form's error line (e.g. why the last session ended).
    void showError(const QString &message);
    bool isBusy() const { return m_busy; }
    /// The profile's certificate trust, used by the sessions made here (it must outlive them);
    /// without one, pins last as long as this window.
    void setTlsTrust(Client::TlsTrust *trust);
    /// Offers "Host a chat on this computer instead" (hostInsteadRequested()) under the form.
    void setHostingOffered(bool offered);

    /// The signed-in session, handed over to the caller (null before signedIn()).
    std::unique_ptr<Client::Session> takeSession();

Q_SIGNALS:
    void signedIn();
    void hostInsteadRequested();

private:
    void submit();
    bool validate();
    void setBusy(bool busy);
    void updateMode();
    static void setProblem(QLabel *label, const QString &problem);
    void askAboutCertificate(const QUrl &serverUrl);
    QCoro::Task<> doSubmit(
        Mode mode, QUrl serverUrl, QString username, QString password, RegisterRequest request);

    Client::SecretStore *m_secrets;
    Client::TlsTrust *m_trust;
    std::unique_ptr<Client::Session> m_session;
    Mode m_mode = Mode::SignIn;
    bool m_busy = false;

    QLabel *m_heading;
    QLabel *m_note;
    QRadioButton *m_signInMode;
    QRadioButton *m_createMode;
    QLineEdit *m_server;
    QLabel *m_serverProblem;
    DiscoveredServerPicker *m_discoveredServers;
    QLineEdit *m_username;
    QLabel *m_usernameProblem;
    QLabel *m_displayNameLabel;
    QLineEdit *m_displayName;
    QLineEdit *m_password;
    QLabel *m_passwordProblem;
    QLabel *m_confirmLabel;
    QLineEdit *m_confirm;
    QLabel *m_confirmProblem;
    QLabel *m_inviteLabel;
    QLineEdit *m_invite;
    QLabel *m_formError;
    ServerTrustPanel *m_trustPanel;
    QPushButton *m_submit;
    QPushButton *m_hostInstead;
};

} // namespace Confab::Ui
