#include "app/host/embeddedserver.h"

#include "app/host/hostlogging.h"
#include "app/host/serverworker.h"

#include "lan/serviceadvertiser.h"

#ifdef CONFAB_HAVE_EPOLL_DISPATCHER
#include "server/core/eventloop/epolleventdispatcher.h"
#endif

#include <QThread>

#include <optional>
#include <utility>

namespace Confab::Host {

struct EmbeddedServer::Private
{
    enum class State { Stopped, Starting, Running, Stopping };

    State state = State::Stopped;
    /// Set while a stop() (not a failed start) is winding the thread down.
    bool reportStopped = false;
    std::unique_ptr<QThread> thread;
    /// Lives on `thread`; deleted here once that thread has finished.
    std::unique_ptr<ServerWorker> worker;
    std::unique_ptr<Lan::ServiceAdvertiser> advertiser;
    HostSettings settings;
    HostInfo info;
    QThread *serverThread = nullptr;
    int onlineCount = 0;
    /// A start() asked for while the previous server was still stopping.
    std::optional<HostSettings> pendingStart;
};

EmbeddedServer::EmbeddedServer(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{ }

EmbeddedServer::~EmbeddedServer()
{
    d->advertiser.reset();
    if (!d->thread)
        return;
    // The one place that waits: the worker shuts the server down on its thread, which then ends.
    ServerWorker *worker = d->worker.get();
    QMetaObject::invokeMethod(
        worker, [worker] { worker->stop(); }, Qt::QueuedConnection);
    d->thread->wait();
    d->worker.reset();
    d->thread.reset();
}

void EmbeddedServer::start(const HostSettings &settings)
{
    if (d->state == Private::State::Stopping) {
        d->pendingStart = settings;
        return;
    }
    if (d->state != Private::State::Stopped) {
        failLater(tr("This computer is already hosting the chat."));
        return;
    }
    d->state = Private::State::Starting;
    d->settings = settings;
    d->info = HostInfo();
    d->reportStopped = false;

    d->thread = std::make_unique<QThread>();
#ifdef CONFAB_HAVE_EPOLL_DISPATCHER
    // The server thread waits with epoll, as confab-server's does (the thread owns it).
    if (auto *dispatcher = Server::EpollEventDispatcher::create())
        d->thread->setEventDispatcher(dispatcher);
#endif
    d->thread->setObjectName(QStringLiteral("EmbeddedServer"));
    d->worker = std::make_unique<ServerWorker>();
    d->worker->moveToThread(d->thread.get());
    ServerWorker *worker = d->worker.get();
    QThread *thread = d->thread.get();
    // Once the worker is done (stopped, or never started), its thread ends on its own.
    connect(worker, &ServerWorker::stopped, thread, &QThread::quit, Qt::DirectConnection);
    connect(worker, &ServerWorker::startFailed, thread, &QThread::quit, Qt::DirectConnection);
    connect(thread, &QThread::finished, this, &EmbeddedServer::onThreadFinished);
    connect(worker, &ServerWorker::started, this, &EmbeddedServer::onStarted);
    connect(worker, &ServerWorker::startFailed, this, &EmbeddedServer::onStartFailed);
    connect(worker, &ServerWorker::signInFailed, this, &EmbeddedServer::failed);
    connect(worker, &ServerWorker::hostSignedIn, this, &EmbeddedServer::hostSignedIn);
    connect(worker, &ServerWorker::onlineCountChanged, this, &EmbeddedServer::onOnlineCountChanged);
    thread->start();
    QMetaObject::invokeMethod(
        worker, [worker, settings] { worker->start(settings); }, Qt::QueuedConnection);
}

void EmbeddedServer::stop()
{
    d->pendingStart.reset();
    if (d->state != Private::State::Starting && d->state != Private::State::Running)
        return;
    d->state = Private::State::Stopping;
    d->reportStopped = true;
    d->advertiser.reset();
    ServerWorker *worker = d->worker.get();
    QMetaObject::invokeMethod(
        worker, [worker] { worker->stop(); }, Qt::QueuedConnection);
}

void EmbeddedServer::signInHost(const QString &displayName)
{
    if (d->state != Private::State::Starting && d->state != Private::State::Running) {
        failLater(tr("This computer is not hosting the chat."));
        return;
    }
    ServerWorker *worker = d->worker.get();
    QMetaObject::invokeMethod(
        worker, [worker, displayName] { worker->signInHost(displayName); }, Qt::QueuedConnection);
}

bool EmbeddedServer::isRunning() const
{
    return d->state == Private::State::Running;
}

HostInfo EmbeddedServer::info() const
{
    return d->info;
}

int EmbeddedServer::onlineCount() const
{
    return d->onlineCount;
}

QThread *EmbeddedServer::serverThread() const
{
    return d->serverThread;
}

void EmbeddedServer::onStarted(const HostInfo &info, QThread *serverThread)
{
    if (d->state != Private::State::Starting)
        return; // stop() came first; the worker is already shutting it down
    d->state = Private::State::Running;
    d->info = info;
    d->serverThread = serverThread;
    if (d->settings.advertise)
        startAdvertising();
    Q_EMIT started(d->info);
}

void EmbeddedServer::onStartFailed(const QString &message)
{
    qCWarning(lcHost) << "cannot host:" << message;
    if (d->state == Private::State::Starting)
        d->state = Private::State::Stopping;
    Q_EMIT failed(message);
}

void EmbeddedServer::onOnlineCountChanged(int count)
{
    if (count == d->onlineCount)
        return;
    d->onlineCount = count;
    Q_EMIT onlineCountChanged(count);
}

void EmbeddedServer::onThreadFinished()
{
    d->worker.reset();
    d->thread.reset();
    d->serverThread = nullptr;
    d->state = Private::State::Stopped;
    d->info = HostInfo();
    onOnlineCountChanged(0);
    const bool reportStopped = d->reportStopped;
    d->reportStopped = false;
    std::optional<HostSettings> pending = std::exchange(d->pendingStart, std::nullopt);
    if (reportStopped)
        Q_EMIT stopped();
    if (pending)
        start(*pending);
}

void EmbeddedServer::failLater(const QString &message)
{
    // Like every other answer, from the event loop rather than from inside the caller's call.
    QMetaObject::invokeMethod(
        this, [this, message] { Q_EMIT failed(message); }, Qt::QueuedConnection);
}

void EmbeddedServer::startAdvertising()
{
    // Announcing is a convenience: without a DNS-SD daemon people type the address instead.
    d->advertiser = std::make_unique<Lan::ServiceAdvertiser>();
    connect(d->advertiser.get(), &Lan::ServiceAdvertiser::registered, this,
        [this](const QString &name) {
            d->info.announcedName = name;
            Q_EMIT announcedNameChanged(name);
        });
    connect(d->advertiser.get(), &Lan::ServiceAdvertiser::failed, this, [](const QString &message) {
        qCWarning(lcHost) << "cannot announce on the local network:" << message;
    });
    if (!d->advertiser->start(
            d->settings.advertiseName, d->info.port, d->info.tls, d->info.fingerprint))
        qCWarning(lcHost) << "cannot announce on the local network:"
                          << d->advertiser->errorString();
}

} // namespace Confab::Host
