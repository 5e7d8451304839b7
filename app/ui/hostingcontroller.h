#pragma once

#include "app/host/embeddedserver.h"

#include <QCoroTask>
#include <QObject>

#include <memory>

namespace Confab::Client {
class SecretStore;
class Session;
class TlsTrust;
} // namespace Confab::Client

namespace Confab::Ui {

/// Hosting a chat from the app, start to finish: starts the embedded server, trusts its own
/// certificate, signs the host in and makes the Session the windows use; later stops it.
class HostingController : public QObject
{
    Q_OBJECT
public:
    /// `secrets` and `trust` are the profile's; they must outlive this.
    HostingController(
        Client::SecretStore *secrets, Client::TlsTrust *trust, QObject *parent = nullptr);
    ~HostingController() override;

    /// Starts the server and signs `displayName` in as its host: ready() or failed().
    void start(const Host::HostSettings &settings, const QString &displayName);
    /// Stops the server (guests see it go away): stopped().
    void stop();

    bool isReady() const { return m_state == State::Ready; }
    Host::HostInfo info() const { return m_info; }
    int onlineCount() const;
    /// The host's signed-in session, handed over once ready().
    std::unique_ptr<Client::Session> takeSession();

Q_SIGNALS:
    void ready();
    /// Hosting could not start (or the server failed): a sentence for the user.
    void failed(const QString &message);
    void stopped();
    void onlineCountChanged(int count);
    /// The name the chat is announced under on the local network (info().announcedName).
    void announcedNameChanged(const QString &name);

private:
    enum class State { Idle, Starting, SigningIn, Ready, Stopping };

    void onStarted(const Host::HostInfo &info);
    void onFailed(const QString &message);
    QCoro::Task<> adopt(Confab::AuthResponse auth);

    Client::SecretStore *m_secrets;
    Client::TlsTrust *m_trust;
    Host::EmbeddedServer *m_server;
    std::unique_ptr<Client::Session> m_session;
    Host::HostInfo m_info;
    QString m_displayName;
    State m_state = State::Idle;
};

} // namespace Confab::Ui
