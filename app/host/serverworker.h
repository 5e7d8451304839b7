#pragma once

#include "app/host/embeddedserver.h"

#include <QCoroTask>
#include <QObject>
#include <QThread>
#include <QTimer>

#include <memory>

namespace Confab::Server {
class ChatServer;
}

namespace Confab::Host {

/// Lives on the embedded server's thread and does everything there: creates the ChatServer
/// (whose sockets, timers and database handles belong to that thread), listens, signs the host
/// in, and shuts it down. EmbeddedServer calls its slots through queued invocations and hears
/// back through its signals, so neither thread ever waits for the other.
class ServerWorker : public QObject
{
    Q_OBJECT
public:
    explicit ServerWorker(QObject *parent = nullptr);
    ~ServerWorker() override;

public Q_SLOTS:
    void start(const Confab::Host::HostSettings &settings);
    void signInHost(const QString &displayName);
    void stop();

Q_SIGNALS:
    /// `serverThread` is the thread the ChatServer was made on, as observed there.
    void started(const Confab::Host::HostInfo &info, QThread *serverThread);
    void startFailed(const QString &message);
    void signInFailed(const QString &message);
    void stopped();
    void hostSignedIn(const Confab::AuthResponse &auth);
    void onlineCountChanged(int count);

private:
    QCoro::Task<> doSignInHost(QString displayName);
    void reportOnlineCount();
    void finishStopping();

    std::unique_ptr<Server::ChatServer> m_server;
    /// Counts starts and stops, so that work begun for one server never touches the next.
    quint64 m_generation = 0;
    bool m_signingIn = false;
    bool m_stopping = false;
    int m_onlineCount = 0;
    /// While stopping: lets the going-away frames and pending replies reach the clients.
    QTimer m_drainTimer;
    int m_drainTicks = 0;
};

} // namespace Confab::Host
