#include "app/host/serverworker.h"

#include "app/host/hostaccount.h"
#include "app/host/hostlogging.h"
#include "app/host/hostserversettings.h"
#include "app/host/lanaddresses.h"
#include "app/host/portsearch.h"

#include "server/core/api/authsession.h"
#include "server/core/chatserver.h"
#include "server/core/realtime/realtimehub.h"
#include "server/core/storage/database.h"

#include <QPointer>
#include <QThread>

namespace Confab::Host {

namespace {
// Shutting down waits this long at most for clients to answer the going-away frames.
constexpr int kDrainTickMs = 20;
constexpr int kDrainTicks = 150;
} // namespace

ServerWorker::ServerWorker(QObject *parent)
    : QObject(parent)
    , m_drainTimer(this) // a child, so that it moves to the server's thread with the worker
{
    m_drainTimer.setInterval(kDrainTickMs);
    connect(&m_drainTimer, &QTimer::timeout, this, [this] {
        ++m_drainTicks;
        if (m_server->hub().connectionCount() == 0 || m_drainTicks >= kDrainTicks)
            finishStopping();
    });
}

ServerWorker::~ServerWorker()
{
    if (m_server)
        m_server->shutdown();
}

void ServerWorker::start(const HostSettings &settings)
{
    if (m_server) {
        Q_EMIT startFailed(tr("This computer is already hosting the chat."));
        return;
    }
    Result<Server::ServerSettings> prepared = HostServerSettings::prepare(settings);
    if (!prepared) {
        Q_EMIT startFailed(prepared.error().message);
        return;
    }
    Result<std::unique_ptr<Server::ChatServer>> created = Server::ChatServer::create(*prepared);
    if (!created) {
        Q_EMIT startFailed(tr("Cannot open the hosted chat: %1").arg(created.error().message));
        return;
    }
    std::unique_ptr<Server::ChatServer> server = std::move(created).value();
    Result<quint16> port = PortSearch::listen(*server, settings.port);
    if (!port) {
        server->shutdown();
        Q_EMIT startFailed(port.error().message);
        return;
    }
    m_server = std::move(server);
    ++m_generation;
    m_onlineCount = 0;
    connect(
        &m_server->hub(), &Server::RealtimeHub::userOnline, this, &ServerWorker::reportOnlineCount);
    connect(&m_server->hub(), &Server::RealtimeHub::userOffline, this,
        &ServerWorker::reportOnlineCount);

    HostInfo info;
    info.port = *port;
    info.tls = m_server->isTls();
    info.fingerprint = m_server->certificateFingerprint();
    info.lanAddresses = LanAddresses::current();
    info.localUrl = QStringLiteral("%1://127.0.0.1:%2")
                        .arg(info.tls ? QStringLiteral("https") : QStringLiteral("http"))
                        .arg(info.port);
    qCInfo(lcHost) << "hosting on port" << info.port << (info.tls ? "with TLS" : "without TLS")
                   << "data in" << settings.dataDirectory;
    Q_EMIT started(info, m_server->thread());
}

void ServerWorker::signInHost(const QString &displayName)
{
    if (!m_server || m_stopping) {
        Q_EMIT signInFailed(tr("This computer is not hosting the chat."));
        return;
    }
    // A sign-in already under way answers this request too: there is one host account.
    if (m_signingIn)
        return;
    doSignInHost(displayName);
}

QCoro::Task<> ServerWorker::doSignInHost(QString displayName)
{
    QPointer<ServerWorker> self(this);
    m_signingIn = true;
    const quint64 generation = m_generation;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto sessionTask = m_server->database().run<AuthResponse>(
        [displayName, now](Server::Storage &storage) -> Result<AuthResponse> {
            Result<qint64> userId = HostAccount::ensure(storage, displayName, now);
            if (!userId)
                return userId.error();
            return Server::AuthSession::start(storage, *userId, now);
        });
    Result<AuthResponse> session = co_await sessionTask;
    if (!self)
        co_return;
    m_signingIn = false;
    if (!m_server || m_stopping || generation != m_generation) {
        Q_EMIT signInFailed(tr("The hosted chat stopped before you were signed in."));
        co_return;
    }
    if (!session) {
        Q_EMIT signInFailed(
            tr("Cannot sign you in to the hosted chat: %1").arg(session.error().message));
        co_return;
    }
    AuthResponse auth = *session;
    const Server::ServerContext context = m_server->context();
    Server::AuthSession::finish(auth, context.tokens, context.hub, QDateTime::currentDateTimeUtc());
    Q_EMIT hostSignedIn(auth);
}

void ServerWorker::stop()
{
    if (m_stopping)
        return;
    if (!m_server) {
        Q_EMIT stopped();
        return;
    }
    m_stopping = true;
    // Stops accepting, sends every WebSocket a going-away close, finishes the database's
    // queued work and closes it. The sockets live on until their clients have answered.
    m_server->shutdown();
    m_drainTicks = 0;
    m_drainTimer.start();
}

void ServerWorker::finishStopping()
{
    m_drainTimer.stop();
    disconnect(&m_server->hub(), nullptr, this, nullptr);
    m_server.reset();
    ++m_generation;
    m_stopping = false;
    m_signingIn = false;
    if (m_onlineCount != 0) {
        m_onlineCount = 0;
        Q_EMIT onlineCountChanged(0);
    }
    qCInfo(lcHost) << "stopped hosting";
    Q_EMIT stopped();
}

void ServerWorker::reportOnlineCount()
{
    const int count = m_server->hub().onlineUserCount();
    if (count == m_onlineCount)
        return;
    m_onlineCount = count;
    Q_EMIT onlineCountChanged(count);
}

} // namespace Confab::Host
