#pragma once

#include "server/core/realtime/lastseenrecorder.h"
#include "server/core/realtime/participantcache.h"
#include "server/core/realtime/realtimesettings.h"
#include "server/core/realtime/typingthrottle.h"

#include "common/events.h"

#include <QCoroTask>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>

namespace Confab::Server {

class ClientConnection;
class Database;
class TokenService;
class WebSocketConnection;

/// Knows which user holds which WebSockets and routes every event to exactly the
/// connections of the users it concerns. Each event is serialised and framed once per fan-out.
/// Also owns what lives only as long as connections do: presence and typing.
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
    void onFrame(ClientConnection *connection, const Envelope &envelope);
    void onClosed(ClientConnection *connection);
    QCoro::Task<> authenticate(ClientConnection *connection, qint64 userId);

    void onTyping(ClientConnection *connection, const Envelope &envelope);
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
    QSet<ClientConnection *> m_connections;
    /// Every authenticated connection, ready or not, so events reach it (held until READY).
    QHash<qint64, QList<ClientConnection *>> m_byUser;
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
    QElapsedTimer m_sincePing;
    QElapsedTimer m_sincePrune;
    QTimer m_sweepTimer;
    bool m_closing = false;
};

} // namespace Confab::Server
