#pragma once

#include "app/host/embeddedserver.h"

#include <QCoroTask>
#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace Confab::Client {
class ApiClient;
}

namespace Confab::Ui {

class ErrorLabel;

/// What the host gives the people they invite: the address to enter, the certificate
/// fingerprint to compare, who may register (anyone, or only with an invite code; the
/// server's administrator setting), and invite codes made on request.
class InviteDialog : public QDialog
{
    Q_OBJECT
public:
    /// `api` is the host's own (an administrator's) and must outlive the dialog.
    InviteDialog(Client::ApiClient *api, const Host::HostInfo &info, QWidget *parent = nullptr);

    /// True once the registration mode was read from the server.
    bool isLoaded() const { return m_loaded; }

private:
    QCoro::Task<> load();
    QCoro::Task<> changeMode(QString mode);
    QCoro::Task<> createInvite();
    void showMode(const QString &mode);
    void copy(const QString &text, QPushButton *button);

    Client::ApiClient *m_api;
    bool m_loaded = false;
    bool m_updatingMode = false;
    QString m_mode;
    QRadioButton *m_open;
    QRadioButton *m_inviteOnly;
    ErrorLabel *m_modeError;
    QPushButton *m_create;
    QLineEdit *m_code;
    QPushButton *m_copyCode;
    QLabel *m_codeNote;
    ErrorLabel *m_codeError;
};

} // namespace Confab::Ui
