#include "server/core/http/guardedtcpserver.h"

#include "server/core/http/connectionguard.h"
#include "server/core/http/httplogging.h"

#include <algorithm>

#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>

#include <unistd.h>

namespace Confab::Server {

Q_LOGGING_CATEGORY(lcHttpGuard, "confab.server.http.guard")

namespace {

// Refused connections linger up to lingerTimeout so their 503 arrives; past this many at once
// (a flood), further ones are closed without a word rather than holding file descriptors.
constexpr int kMaxRefusedClosing = 256;

std::chrono::milliseconds sweepInterval(const HttpLimits &limits)
{
    // One coarse timer for all connections instead of a QTimer each: deadlines are met within
    // an eighth of the shortest timeout (at most a second late), which is all they need.
    const auto shortest = std::min(
        {limits.requestTimeout, limits.idleTimeout, limits.lingerTimeout, limits.handshakeTimeout});
    return std::clamp(shortest / 8, std::chrono::milliseconds(20), std::chrono::milliseconds(1000));
}

} // namespace

GuardedTcpServer::GuardedTcpServer(const HttpLimits &limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
{
    m_sweepTimer.setTimerType(Qt::CoarseTimer);
    m_sweepTimer.setInterval(sweepInterval(m_limits));
    connect(&m_sweepTimer, &QTimer::timeout, this, &GuardedTcpServer::sweep);
}

GuardedTcpServer::~GuardedTcpServer()
{
    // Our sockets (and their guards) are destroyed after this destructor, by ~QObject, and
    // WebSocket sockets may live on elsewhere: neither may call back into a dead server.
    for (ConnectionGuard *guard : std::as_const(m_guards))
        guard->detachFromServer();
}

void GuardedTcpServer::setTlsConfiguration(const QSslConfiguration &configuration)
{
    m_tlsConfiguration = configuration;
    m_tls = true;
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    if (m_openConnections >= m_limits.maxConnections) {
        refuse(socketDescriptor);
        return;
    }
    if (m_tls) {
        acceptTls(socketDescriptor);
        return;
    }
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcHttpGuard) << "cannot adopt accepted socket:" << socket->errorString();
        delete socket;
        ::close(static_cast<int>(socketDescriptor));
        return;
    }
    auto *guard = new ConnectionGuard(socket, this, m_limits, ConnectionGuard::Counting::Counted);
    handOver(socket, guard);
}

void GuardedTcpServer::acceptTls(qintptr socketDescriptor)
{
    auto *socket = new QSslSocket(this);
    socket->setSslConfiguration(m_tlsConfiguration);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcHttpGuard) << "cannot adopt accepted socket:" << socket->errorString();
        delete socket;
        ::close(static_cast<int>(socketDescriptor));
        return;
    }
    // Counted from now on, so handshakes in progress count against maxConnections; the guard's
    // handshake deadline cuts off clients that never finish one.
    auto *guard = new ConnectionGuard(socket, this, m_limits, ConnectionGuard::Counting::Counted);
    guard->watchHandshake();
    const QPointer<ConnectionGuard> guardPointer(guard);
    connect(socket, &QSslSocket::encrypted, this, [this, socket, guardPointer] {
        if (guardPointer && guardPointer->handshakeDone())
            handOver(socket, guardPointer);
    });
    socket->startServerEncryption();
}

void GuardedTcpServer::handOver(QTcpSocket *socket, ConnectionGuard *guard)
{
    // Answers are small and often follow one another on a connection (pipelined requests,
    // WebSocket frames): without TCP_NODELAY, Nagle's algorithm holds each one back until the
    // client has acknowledged the previous, which a client waiting for it delays.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    guard->watchBeforeHttpServer();
    addPendingConnection(socket);
    guard->watchAfterHttpServer();
}

void GuardedTcpServer::refuse(qintptr socketDescriptor)
{
    // A 503 over TLS would cost a whole handshake, which is what the limit is there to spare.
    if (m_tls || m_refusedClosing >= kMaxRefusedClosing) {
        ::close(static_cast<int>(socketDescriptor));
        return;
    }
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        ::close(static_cast<int>(socketDescriptor));
        return;
    }
    auto *guard =
        new ConnectionGuard(socket, this, m_limits, ConnectionGuard::Counting::NotCounted);
    guard->refuseBusy();
}

void GuardedTcpServer::guardCreated(ConnectionGuard *guard)
{
    m_guards.insert(guard);
    if (guard->counting() == ConnectionGuard::Counting::Counted)
        ++m_openConnections;
    else
        ++m_refusedClosing;
    if (!m_sweepTimer.isActive())
        m_sweepTimer.start();
}

void GuardedTcpServer::guardDestroyed(ConnectionGuard *guard)
{
    m_guards.remove(guard);
    if (guard->counting() == ConnectionGuard::Counting::Counted)
        --m_openConnections;
    else
        --m_refusedClosing;
    if (m_guards.isEmpty())
        m_sweepTimer.stop();
}

void GuardedTcpServer::noteInspected(qint64 bytes, qint64 requests)
{
    m_bytesInspected += bytes;
    m_requestsInspected += requests;
}

void GuardedTcpServer::sweep()
{
    const auto now = ConnectionGuard::Clock::now();
    // Acting on a guard can close its socket and so change m_guards; act on a snapshot.
    QList<QPointer<ConnectionGuard>> due;
    for (ConnectionGuard *guard : std::as_const(m_guards)) {
        if (guard->phase() != ConnectionGuard::Phase::Upgraded)
            due.append(guard);
    }
    for (const QPointer<ConnectionGuard> &guard : std::as_const(due)) {
        if (guard)
            guard->checkDeadline(now);
    }
}

} // namespace Confab::Server
