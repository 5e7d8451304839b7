#include "server/core/realtime/realtimehub.h"

#include "server/core/auth/tokenservice.h"
#include "server/core/realtime/clientconnection.h"
#include "server/core/storage/database.h"
#include "server/core/websocket/websocketconnection.h"
#include "server/core/websocket/websocketframeencoder.h"
#include "server/core/websocket/websocketprotocol.h"

#include <QLoggingCategory>
#include <QPointer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcRealtime, "confab.server.realtime")

namespace Confab::Server {

namespace {

/// What READY needs from the database (a constructor: it is built inside a coroutine).
struct ReadyData
{
    ReadyData() = default;
    ReadyData(std::optional<User> u, QList<qint64> c)
        : user(std::move(u))
        , contactIds(std::move(c))
    { }
    std::optional<User> user;
    QList<qint64> contactIds;
};

constexpr qint64 kPruneEveryMs = 10000;

} // namespace

RealtimeHub::RealtimeHub(
    Database &database, const TokenService &tokens, RealtimeSettings settings, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_tokens(tokens)
    , m_settings(std::move(settings))
    , m_shards(m_settings)
    , m_lastSeen(database, m_settings.lastSeenWriteDelay)
    , m_participants(m_settings.participantCacheTtl)
    , m_typing(m_settings.typingInterval)
{
    m_clock.start();
    m_sincePrune.start();
    for (ConnectionShard *shard : m_shards.all()) {
        connect(shard, &ConnectionShard::frameReceived, this, &RealtimeHub::onFrame);
        connect(shard, &ConnectionShard::typingReceived, this, &RealtimeHub::onTyping);
        connect(shard, &ConnectionShard::closed, this, &RealtimeHub::onClosed);
    }
    // Offline graces end within a quarter of their length (the shards keep the connections'
    // own deadlines).
    using std::chrono::milliseconds;
    const milliseconds grace =
        m_settings.offlineGrace.count() > 0 ? m_settings.offlineGrace : milliseconds(4000);
    m_sweepTimer.setInterval(std::clamp(grace / 4, milliseconds(20), milliseconds(1000)));
    connect(&m_sweepTimer, &QTimer::timeout, this, &RealtimeHub::sweep);
    m_sweepTimer.start();
}

RealtimeHub::~RealtimeHub()
{
    // m_shards ends the connection threads after this; what they still report is not heard.
    for (ConnectionShard *shard : m_shards.all())
        shard->disconnect(this);
}

void RealtimeHub::accept(std::unique_ptr<WebSocketConnection> socket)
{
    const quint64 id = ++m_lastConnectionId;
    ConnectionShard *shard = m_shards.next();
    auto *connection = new ClientConnection(std::move(socket), m_settings, id);
    const QByteArray token = connection->upgradeToken();
    // Connected before the move, so that nothing the client sends meanwhile goes unheard.
    connect(
        connection, &ClientConnection::frameReceived, shard, &ConnectionShard::onConnectionFrame);
    connect(connection, &ClientConnection::closed, shard, &ConnectionShard::onConnectionClosed);
    connection->moveToThread(shard->thread());
    ConnectionShards::post(shard, [shard, connection] { shard->adopt(connection); });
    m_connections.insert(id, Connection {shard});

    if (m_closing) {
        closeConnection(
            id, WebSocketProtocol::kCloseGoingAway, QStringLiteral("The server is shutting down."));
        return;
    }
    if (token.isEmpty())
        return; // the first frame must be AUTH
    const Result<qint64> user = m_tokens.verify(token, QDateTime::currentDateTimeUtc());
    if (!user) {
        closeConnection(id, ClientConnection::kCloseUnauthorized, user.error().message);
        return;
    }
    authenticate(id, *user);
}

void RealtimeHub::closeConnection(quint64 connectionId, quint16 code, const QString &reason)
{
    const auto it = m_connections.constFind(connectionId);
    if (it == m_connections.constEnd())
        return;
    ConnectionShards::post(it->shard, [shard = it->shard, connectionId, code, reason] {
        shard->close(connectionId, code, reason);
    });
}

QCoro::Task<> RealtimeHub::authenticate(quint64 connectionId, qint64 userId)
{
    if (m_closing) {
        closeConnection(connectionId, WebSocketProtocol::kCloseGoingAway,
            QStringLiteral("The server is shutting down."));
        co_return;
    }
    QPointer<RealtimeHub> self(this);
    const auto known = m_connections.find(connectionId);
    if (known == m_connections.end())
        co_return;
    known->userId = userId;
    // Registered before the user is read, so no event can slip between READY and the first one;
    // frames that arrive meanwhile are held by the connection until READY has gone out.
    ConnectionShard *shard = known->shard;
    ConnectionShards::post(
        shard, [shard, connectionId, userId] { shard->setUser(connectionId, userId); });

    const int presenceLimit = m_settings.presenceGroupLimit;
    auto readyTask =
        m_database.read<ReadyData>([userId, presenceLimit](Storage &storage) -> Result<ReadyData> {
            Result<std::optional<User>> user = storage.users().findById(userId);
            if (!user)
                return user.error();
            Result<QList<qint64>> contacts =
                storage.conversations().presenceContactIds(userId, presenceLimit);
            if (!contacts)
                return contacts.error();
            return ReadyData(std::move(user).value(), std::move(contacts).value());
        });
    Result<ReadyData> ready = co_await readyTask;
    if (!self)
        co_return;
    // A connection that closed meanwhile has already left the hub; it must not count as online.
    const auto connection = m_connections.find(connectionId);
    if (connection == m_connections.end())
        co_return;
    if (!ready || !ready->user) {
        closeConnection(connectionId, ClientConnection::kCloseUnauthorized,
            QStringLiteral("This account does not exist."));
        co_return;
    }
    User me = *ready->user;
    me.online = true;
    if (const std::optional<QDateTime> seen = m_lastSeen.pending(userId))
        me.lastSeenAt = *seen;
    QList<qint64> onlineContacts;
    for (qint64 contact : std::as_const(ready->contactIds)) {
        if (isOnline(contact))
            onlineContacts.append(contact);
    }
    connection->ready = true;
    const QByteArray readyFrame =
        WebSocketFrameEncoder::text(ReadyEvent(me, onlineContacts).toEnvelope().encode());
    ConnectionShards::post(
        shard, [shard, connectionId, readyFrame] { shard->markReady(connectionId, readyFrame); });
    // Back within the grace: contacts never heard they left, so there is nothing to say.
    if (m_readyCount[userId]++ == 0 && !m_leaving.remove(userId)) {
        presenceChanged(userId, true, QDateTime::currentDateTimeUtc());
        Q_EMIT userOnline(userId);
    }
}

void RealtimeHub::onFrame(quint64 connectionId, const Envelope &envelope)
{
    const auto connection = m_connections.constFind(connectionId);
    if (connection == m_connections.constEnd())
        return;
    if (connection->userId == 0) {
        if (envelope.type != EventType::Auth) {
            closeConnection(connectionId, ClientConnection::kCloseUnauthorized,
                QStringLiteral("The first frame must be AUTH."));
            return;
        }
        Result<AuthFrame> frame = AuthFrame::fromPayload(envelope.payload);
        const Result<qint64> user = frame
            ? m_tokens.verify(frame->token.toUtf8(), QDateTime::currentDateTimeUtc())
            : Result<qint64>(frame.error());
        if (!user) {
            closeConnection(
                connectionId, ClientConnection::kCloseUnauthorized, user.error().message);
            return;
        }
        authenticate(connectionId, *user);
        return;
    }
    // Authenticated here, but the frame left the shard before it heard so: it is handled
    // there like the connection's other frames (it has heard by the time this arrives).
    ConnectionShard *shard = connection->shard;
    ConnectionShards::post(
        shard, [shard, connectionId, envelope] { shard->handleFrame(connectionId, envelope); });
}

void RealtimeHub::onClosed(quint64 connectionId)
{
    const auto known = m_connections.constFind(connectionId);
    if (known == m_connections.constEnd())
        return;
    const Connection connection = *known;
    m_connections.erase(known);
    const qint64 userId = connection.userId;
    if (userId != 0) {
        auto ready = m_readyCount.find(userId);
        if (connection.ready && ready != m_readyCount.end() && --*ready == 0) {
            m_readyCount.erase(ready);
            const QDateTime now = QDateTime::currentDateTimeUtc();
            if (m_settings.offlineGrace.count() > 0 && !m_closing) {
                m_leaving.insert(
                    userId, Leaving {now, m_clock.elapsed() + m_settings.offlineGrace.count()});
            } else {
                presenceChanged(userId, false, now);
                Q_EMIT userOffline(userId);
            }
        }
    }
}

void RealtimeHub::sendToUsers(const QList<qint64> &userIds, const Envelope &event)
{
    if (userIds.isEmpty())
        return;
    // Serialised and framed once; every connection thread writes these same (shared) bytes to
    // its own connections of these users.
    const QByteArray frame = WebSocketFrameEncoder::text(event.encode());
    for (ConnectionShard *shard : m_shards.all())
        ConnectionShards::post(shard, [shard, frame, userIds] { shard->deliver(frame, userIds); });
}

void RealtimeHub::invalidateConversation(qint64 conversationId)
{
    m_participants.invalidate(conversationId);
}

// Typing is relayed, never stored. A frame that names a conversation the user is not in is
// dropped without an answer, exactly like one for a conversation that does not exist.
void RealtimeHub::onTyping(qint64 userId, const TypingFrame &frame)
{
    const qint64 now = m_clock.elapsed();
    // The throttle comes first, so a user costs at most one participant lookup per
    // conversation and interval however fast they type.
    if (!m_typing.admit(userId, frame.conversationId, frame.isTyping, now))
        return;
    if (const std::optional<QList<qint64>> cached = m_participants.find(frame.conversationId, now))
        relayTyping(userId, frame, *cached);
    else if (!m_closing)
        lookUpAndRelayTyping(userId, frame);
}

QCoro::Task<> RealtimeHub::lookUpAndRelayTyping(qint64 userId, TypingFrame frame)
{
    QPointer<RealtimeHub> self(this);
    const quint64 generation = m_participants.generation();
    const qint64 conversationId = frame.conversationId;
    auto participantsTask = m_database.run<QList<qint64>>([conversationId](Storage &storage) {
        return storage.conversations().participantIds(conversationId);
    });
    Result<QList<qint64>> participants = co_await participantsTask;
    if (!self)
        co_return;
    if (!participants) {
        qCWarning(lcRealtime) << "typing relay: participants unavailable";
        co_return;
    }
    // Membership changed while we asked: the answer may predate it, so neither trust nor
    // keep it. Losing one typing event is harmless.
    if (m_participants.generation() != generation)
        co_return;
    if (!participants->isEmpty())
        m_participants.insert(conversationId, *participants, m_clock.elapsed());
    relayTyping(userId, frame, *participants);
}

void RealtimeHub::relayTyping(
    qint64 userId, const TypingFrame &frame, const QList<qint64> &participants)
{
    if (!participants.contains(userId))
        return;
    QList<qint64> others = participants;
    others.removeAll(userId);
    sendToUsers(others, TypingEvent(frame.conversationId, userId, frame.isTyping).toEnvelope());
}

void RealtimeHub::presenceChanged(qint64 userId, bool online, const QDateTime &at)
{
    if (m_closing)
        return;
    const quint64 serial = ++m_presenceSerial;
    m_latestPresence.insert(userId, serial);
    m_lastSeen.record(userId, at);
    announcePresence(userId, online, at, serial);
}

void RealtimeHub::settleLeavers()
{
    const qint64 now = m_clock.elapsed();
    QList<qint64> gone;
    for (auto it = m_leaving.cbegin(); it != m_leaving.cend(); ++it) {
        if (it->graceEndsMs <= now)
            gone.append(it.key());
    }
    for (qint64 userId : std::as_const(gone)) {
        const Leaving leaving = m_leaving.take(userId);
        presenceChanged(userId, false, leaving.at);
        Q_EMIT userOffline(userId);
    }
}

QCoro::Task<> RealtimeHub::announcePresence(
    qint64 userId, bool online, QDateTime at, quint64 serial)
{
    QPointer<RealtimeHub> self(this);
    const int presenceLimit = m_settings.presenceGroupLimit;
    auto contactsTask = m_database.read<QList<qint64>>([userId, presenceLimit](Storage &storage) {
        return storage.conversations().presenceContactIds(userId, presenceLimit);
    });
    Result<QList<qint64>> contacts = co_await contactsTask;
    if (!self)
        co_return;
    // Jobs run on several workers and may finish out of order; only the newest change of a
    // user is announced, so contacts never end on a stale state.
    const auto latest = m_latestPresence.constFind(userId);
    if (latest == m_latestPresence.constEnd() || *latest != serial)
        co_return;
    m_latestPresence.erase(latest);
    if (!contacts) {
        qCWarning(lcRealtime) << "presence: contacts unavailable for user" << userId;
        co_return;
    }
    sendToUsers(*contacts, PresenceEvent(userId, online, at).toEnvelope());
}

void RealtimeHub::sweep()
{
    if (!m_leaving.isEmpty())
        settleLeavers();
    if (m_sincePrune.elapsed() >= kPruneEveryMs) {
        m_sincePrune.restart();
        const qint64 now = m_clock.elapsed();
        m_typing.prune(now);
        m_participants.prune(now);
    }
}

void RealtimeHub::closeAll()
{
    if (!m_closing) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (auto it = m_readyCount.cbegin(); it != m_readyCount.cend(); ++it)
            m_lastSeen.record(it.key(), now);
        // Those still in their grace left earlier: their own time is the one to keep.
        for (auto it = m_leaving.cbegin(); it != m_leaving.cend(); ++it)
            m_lastSeen.record(it.key(), it->at);
        m_lastSeen.flush();
    }
    m_leaving.clear();
    m_closing = true;
    // The close frames are written when this returns.
    const QString reason = QStringLiteral("The server is shutting down.");
    m_shards.runEverywhereAndWait([&reason](ConnectionShard &shard) {
        shard.closeAll(WebSocketProtocol::kCloseGoingAway, reason);
    });
}

} // namespace Confab::Server
