#pragma once

#include <QWidget>

class QCommandLinkButton;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Confab::Ui {

class ErrorLabel;

/// The first window of a new profile: host a chat on this computer (the default, with the
/// name others will see) or join a server someone else runs. It only asks; the application
/// does the hosting and tells it how that went (setBusy(), showError()).
class WelcomeWindow : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomeWindow(QWidget *parent = nullptr);

    /// The host's name as others will see it; prefilled with the computer user's name.
    void setHostName(const QString &name);
    QString hostName() const;
    /// The port to host on (the first one tried; the next free one is used when taken). It is
    /// offered for changing only after hosting failed, e.g. because the ports were taken.
    void setPort(quint16 port);
    quint16 port() const;
    /// While hosting starts: the choices are disabled and the host choice says so.
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    /// Why hosting did not start; choosing Host again retries.
    void showError(const QString &message);

    /// The longest name the server accepts.
    static constexpr int kMaxNameLength = 64;

Q_SIGNALS:
    void hostRequested(const QString &name);
    void joinRequested();

private:
    void requestHost();
    void updateHostDescription();

    bool m_busy = false;
    bool m_failed = false;
    QCommandLinkButton *m_host;
    QLineEdit *m_name;
    QLabel *m_portLabel;
    QSpinBox *m_port;
    ErrorLabel *m_error;
    QCommandLinkButton *m_join;
};

} // namespace Confab::Ui
