#pragma once

#include "server/core/http/httplimits.h"

#include <QSet>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>

namespace Confab::Server {

class ConnectionGuard;
class UpgradeHandler;

/// The listening socket in front of QHttpServer: counts and caps open connections and puts a
/// ConnectionGuard on each one, so limits and timeouts are enforced before QHttpServer buffers
/// anything. Use it like a QTcpServer: listen(), then QAbstractHttpServer::bind(this).
///
/// Relies on QHttpServer 6.4 adopting sockets from pendingConnectionAvailable (emitted inside
/// addPendingConnection()); a bind() that used newConnection instead would break the guard's
/// byte accounting, which tst_httplimits checks.
///
/// With a TLS configuration it speaks TLS only: each connection is counted from its first
/// packet, must finish its handshake within HttpLimits::handshakeTimeout, and reaches
/// QHttpServer (and the request limits) only once encrypted.
class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    explicit GuardedTcpServer(const HttpLimits &limits = {}, QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    const HttpLimits &limits() const { return m_limits; }
    /// Makes every later connection TLS with this configuration (certificate and key set).
    void setTlsConfiguration(const QSslConfiguration &configuration);
    bool isTls() const { return m_tls; }
    /// Hands WebSocket upgrade requests to `handler` (which must outlive this server) instead of
    /// leaving them to QHttpServer's own WebSocket server.
    void setUpgradeHandler(UpgradeHandler *handler) { m_upgradeHandler = handler; }
    UpgradeHandler *upgradeHandler() const { return m_upgradeHandler; }
    /// Accepted sockets not yet destroyed, WebSockets included; refused ones are not counted.
    int openConnections() const { return m_openConnections; }
    /// Bytes the guards framed and requests they saw complete, over all connections so far.
    qint64 bytesInspected() const { return m_bytesInspected; }
    qint64 requestsInspected() const { return m_requestsInspected; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    friend class ConnectionGuard;
    void guardCreated(ConnectionGuard *guard);
    void guardDestroyed(ConnectionGuard *guard);
    void noteInspected(qint64 bytes, qint64 requests);
    void refuse(qintptr socketDescriptor);
    void acceptTls(qintptr socketDescriptor);
    void handOver(QTcpSocket *socket, ConnectionGuard *guard);
    void sweep();

    const HttpLimits m_limits;
    QSslConfiguration m_tlsConfiguration;
    bool m_tls = false;
    UpgradeHandler *m_upgradeHandler = nullptr;
    QSet<ConnectionGuard *> m_guards;
    QTimer m_sweepTimer;
    int m_openConnections = 0;
    int m_refusedClosing = 0;
    qint64 m_bytesInspected = 0;
    qint64 m_requestsInspected = 0;
};

} // namespace Confab::Server
