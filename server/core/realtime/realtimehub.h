#pragma once

#include "common/events.h"

#include <QCoroTask>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QWebSocket>

#include <memory>

namespace Confab::Server {

class ClientConnection;
class Database;
class TokenService;

/// Knows which user holds which WebSockets and routes every event to exactly the
/// connections of the users it concerns. Each event is serialised once per fan-out.
class RealtimeHub : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::seconds kAuthTimeout {10};
    static constexpr std::chrono::seconds kPingInterval {20};
    static constexpr std::chrono::seconds kDeadAfter {50};

    RealtimeHub(Database &database, const TokenService &tokens, QObject *parent = nullptr);
    ~RealtimeHub() override;

    void accept(std::unique_ptr<QWebSocket> socket);
    /// Sends `event` to every connection of every user in `userIds`.
    void sendToUsers(const QList<qint64> &userIds, const Envelope &event);
    bool isOnline(qint64 userId) const { return m_byUser.contains(userId); }
    int connectionCount() const { return int(m_connections.size()); }
    /// Closes every connection (1001 going away), for shutdown.
    void closeAll();

Q_SIGNALS:
    /// The user's first connection became ready / their last one closed.
    void userOnline(qint64 userId);
    void userOffline(qint64 userId);

private:
    void onFrame(ClientConnection *connection, const Envelope &envelope);
    void onClosed(ClientConnection *connection);
    QCoro::Task<> authenticate(ClientConnection *connection, qint64 userId);
    void sweep();

    Database &m_database;
    const TokenService &m_tokens;
    QSet<ClientConnection *> m_connections;
    QHash<qint64, QList<ClientConnection *>> m_byUser;
    QTimer m_sweepTimer;
    qint64 m_sweeps = 0;
};

} // namespace Confab::Server
