#pragma once

#include "server/core/realtime/connectionshards.h"
#include "server/core/realtime/lastseenrecorder.h"
#include "server/core/realtime/participantcache.h"
#include "server/core/realtime/realtimesettings.h"
#include "server/core/realtime/typingthrottle.h"

#include "common/events.h"

#include <QCoroTask>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>

namespace Confab::Server {

class Database;
class TokenService;
class WebSocketConnection;

/// Knows which user holds which WebSockets and routes every event to exactly the
/// connections of the users it concerns. Each event is serialised and framed once per fan-out;
/// the connection threads (ConnectionShards) write the same bytes to their sockets at once.
/// Also owns what lives only as long as connections do: presence and typing. The hub decides
/// and the shards carry out: authentication, READY and presence are the hub's alone.
class RealtimeHub : public QObject
{
    Q_OBJECT
public:
    RealtimeHub(Database &database, const TokenService &tokens, RealtimeSettings settings = {},
        QObject *parent = nullptr);
    ~RealtimeHub() override;

    void accept(std::unique_ptr<WebSocketConnection> socket);
    /// Sends `event` to every connection of every user in `userIds`.
    void sendToUsers(const QList<qint64> &userIds, const Envelope &event);
    /// Whether the user has at least one connection that received READY, or had one until
    /// less than RealtimeSettings::offlineGrace ago.
    bool isOnline(qint64 userId) const
    {
        return m_readyCount.contains(userId) || m_leaving.contains(userId);
    }
    /// Open connections, as far as the hub has heard from the connection threads.
    int connectionCount() const { return int(m_connections.size()); }
    /// The user's newest last-seen time if it may not be stored yet (see LastSeenRecorder).
    std::optional<QDateTime> pendingLastSeen(qint64 userId) const
    {
        return m_lastSeen.pending(userId);
    }
    /// How many distinct users are online, in the sense of isOnline().
    int onlineUserCount() const { return int(m_readyCount.size() + m_leaving.size()); }
    /// Call after a conversation's participants changed. Typing relays trust a cached
    /// participant list for at most RealtimeSettings::participantCacheTtl; this ends it at once.
    void invalidateConversation(qint64 conversationId);
    /// Records everyone's last_seen_at and closes every connection (1001 going away), for
    /// shutdown. Must run before the database closes; starts no database work afterwards.
    void closeAll();

    const RealtimeSettings &settings() const { return m_settings; }

Q_SIGNALS:
    /// The user's first connection became ready / their last ready one closed and they did
    /// not come back within the grace.
    void userOnline(qint64 userId);
    void userOffline(qint64 userId);

private:
    /// What the hub knows of a connection; the socket itself is its shard's.
    struct Connection
    {
        ConnectionShard *shard = nullptr;
        qint64 userId = 0;
        /// READY has been sent: the connection counts towards its user being online.
        bool ready = false;
    };

    void onFrame(quint64 connectionId, const Envelope &envelope);
    void onClosed(quint64 connectionId);
    QCoro::Task<> authenticate(quint64 connectionId, qint64 userId);
    void closeConnection(quint64 connectionId, quint16 code, const QString &reason);

    void onTyping(qint64 userId, const TypingFrame &frame);
    QCoro::Task<> lookUpAndRelayTyping(qint64 userId, TypingFrame frame);
    void relayTyping(qint64 userId, const TypingFrame &frame, const QList<qint64> &participants);

    void presenceChanged(qint64 userId, bool online, const QDateTime &at);
    /// Announces those whose grace has passed as offline.
    void settleLeavers();
    QCoro::Task<> announcePresence(qint64 userId, bool online, QDateTime at, quint64 serial);

    void sweep();

    Database &m_database;
    const TokenService &m_tokens;
    const RealtimeSettings m_settings;
    ConnectionShards m_shards;
    QHash<quint64, Connection> m_connections;
    quint64 m_lastConnectionId = 0;
    /// Ready connections per online user.
    QHash<qint64, int> m_readyCount;
    /// Users whose last connection closed, not yet announced offline: when they left (their
    /// lastSeenAt) and the hub clock's time at which their grace ends.
    struct Leaving
    {
        QDateTime at;
        qint64 graceEndsMs = 0;
    };
    QHash<qint64, Leaving> m_leaving;
    /// The newest presence change per user still being announced; older ones are not sent.
    QHash<qint64, quint64> m_latestPresence;
    quint64 m_presenceSerial = 0;
    LastSeenRecorder m_lastSeen;
    ParticipantCache m_participants;
    TypingThrottle m_typing;
    QElapsedTimer m_clock;
    QElapsedTimer m_sincePrune;
    QTimer m_sweepTimer;
    bool m_closing = false;
};

} // namespace Confab::Server
