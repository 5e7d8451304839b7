#include "app/ui/hostingcontroller.h"

#include "app/core/session.h"
#include "app/core/tlstrust.h"

#include <QPointer>
#include <QTimer>

namespace Confab::Ui {

HostingController::HostingController(
    Client::SecretStore *secrets, Client::TlsTrust *trust, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_trust(trust)
    , m_server(new Host::EmbeddedServer(this))
{
    connect(m_server, &Host::EmbeddedServer::started, this, &HostingController::onStarted);
    connect(m_server, &Host::EmbeddedServer::failed, this, &HostingController::onFailed);
    connect(m_server, &Host::EmbeddedServer::hostSignedIn, this,
        [this](const AuthResponse &auth) { adopt(auth); });
    connect(m_server, &Host::EmbeddedServer::onlineCountChanged, this,
        &HostingController::onlineCountChanged);
    connect(
        m_server, &Host::EmbeddedServer::announcedNameChanged, this, [this](const QString &name) {
            m_info.announcedName = name;
            Q_EMIT announcedNameChanged(name);
        });
    connect(m_server, &Host::EmbeddedServer::stopped, this, [this] {
        m_state = State::Idle;
        Q_EMIT stopped();
    });
}

HostingController::~HostingController()
{
    m_session.reset(); // before the server it talks to
}

void HostingController::start(const Host::HostSettings &settings, const QString &displayName)
{
    m_displayName = displayName;
    m_state = State::Starting;
    m_server->start(settings);
}

void HostingController::stop()
{
    if (!m_server->isRunning()) {
        m_state = State::Idle;
        QTimer::singleShot(0, this, &HostingController::stopped);
        return;
    }
    m_state = State::Stopping;
    m_server->stop();
}

int HostingController::onlineCount() const
{
    return m_server->onlineCount();
}

std::unique_ptr<Client::Session> HostingController::takeSession()
{
    return std::move(m_session);
}

void HostingController::onStarted(const Host::HostInfo &info)
{
    m_info = info;
    // The app's own server: its certificate is trusted without asking (pinned, so that a
    // certificate someone else presents on this port is still refused).
    if (info.tls && !info.fingerprint.isEmpty())
        m_trust->pin(QUrl(info.localUrl), info.fingerprint);
    m_state = State::SigningIn;
    m_server->signInHost(m_displayName);
}

void HostingController::onFailed(const QString &message)
{
    if (m_state == State::Stopping)
        return;
    const bool wasRunning = m_server->isRunning();
    m_state = State::Idle;
    if (wasRunning)
        m_server->stop();
    Q_EMIT failed(message);
}

QCoro::Task<> HostingController::adopt(Confab::AuthResponse auth)
{
    QPointer<HostingController> self(this);
    m_session = std::make_unique<Client::Session>(QUrl(m_info.localUrl), m_secrets);
    m_session->setTlsTrust(m_trust);
    auto adoption = m_session->adoptSignIn(auth);
    const Result<User> user = co_await adoption;
    if (!self)
        co_return;
    if (!user) {
        m_session.reset();
        onFailed(user.error().message);
        co_return;
    }
    m_state = State::Ready;
    Q_EMIT ready();
}

} // namespace Confab::Ui
