#include "server/core/realtime/realtimehub.h"

#include "server/core/auth/tokenservice.h"
#include "server/core/realtime/clientconnection.h"
#include "server/core/storage/database.h"
#include "server/core/websocket/websocketconnection.h"
#include "server/core/websocket/websocketframeencoder.h"

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
    , m_settings(settings)
    , m_lastSeen(database, settings.lastSeenWriteDelay)
    , m_participants(settings.participantCacheTtl)
    , m_typing(settings.typingInterval)
{
    m_clock.start();
    m_sincePing.start();
    m_sincePrune.start();
    // One timer for all connections: auth deadlines, pings and dead peers. It ticks often
    // enough that each of those happens within a quarter of its own time (at most every second).
    using std::chrono::milliseconds;
    milliseconds shortest =
        std::min({m_settings.authTimeout, m_settings.pingInterval, m_settings.deadAfter});
    if (m_settings.offlineGrace.count() > 0)
        shortest = std::min(shortest, m_settings.offlineGrace);
    m_sweepTimer.setInterval(std::clamp(shortest / 4, milliseconds(20), milliseconds(1000)));
    connect(&m_sweepTimer, &QTimer::timeout, this, &RealtimeHub::sweep);
    m_sweepTimer.start();
}

RealtimeHub::~RealtimeHub()
{
    for (ClientConnection *connection : std::as_const(m_connections))
        connection->disconnect(this);
}

void RealtimeHub::accept(std::unique_ptr<WebSocketConnection> socket)
{
    auto *connection = new ClientConnection(std::move(socket), m_settings, this);
    m_connections.insert(connection);
    connect(connection, &ClientConnection::frameReceived, this, &RealtimeHub::onFrame);
    connect(connection, &ClientConnection::closed, this, &RealtimeHub::onClosed);

    const QByteArray token = connection->upgradeToken();
    if (token.isEmpty())
        return; // the first frame must be AUTH
    const Result<qint64> user = m_tokens.verify(token, QDateTime::currentDateTimeUtc());
    if (!user) {
        connection->close(ClientConnection::kCloseUnauthorized, user.error().message);
        return;
    }
    authenticate(connection, *user);
}

QCoro::Task<> RealtimeHub::authenticate(ClientConnection *connection, qint64 userId)
{
    if (m_closing) {
        connection->close(
            WebSocketProtocol::kCloseGoingAway, QStringLiteral("The server is shutting down."));
        co_return;
    }
    QPointer<RealtimeHub> self(this);
    QPointer<ClientConnection> guard(connection);
    connection->setUserId(userId);
    // Registered before the user is read, so no event can slip between READY and the first one;
    // frames that arrive meanwhile are held by the connection until READY has gone out.
    m_byUser[userId].append(connection);

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
    // A connection that closed meanwhile has already left the hub; it must not count as online.
    if (!self || !guard || guard->isClosed())
        co_return;
    if (!ready || !ready->user) {
        connection->close(
            ClientConnection::kCloseUnauthorized, QStringLiteral("This account does not exist."));
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
    connection->markReady(
        WebSocketFrameEncoder::text(ReadyEvent(me, onlineContacts).toEnvelope().encode()));
    // Back within the grace: contacts never heard they left, so there is nothing to say.
    if (m_readyCount[userId]++ == 0 && !m_leaving.remove(userId)) {
        presenceChanged(userId, true, QDateTime::currentDateTimeUtc());
        Q_EMIT userOnline(userId);
    }
}

void RealtimeHub::onFrame(ClientConnection *connection, const Envelope &envelope)
{
    if (!connection->isAuthenticated()) {
        if (envelope.type != EventType::Auth) {
            connection->close(ClientConnection::kCloseUnauthorized,
                QStringLiteral("The first frame must be AUTH."));
            return;
        }
        Result<AuthFrame> frame = AuthFrame::fromPayload(envelope.payload);
        const Result<qint64> user = frame
            ? m_tokens.verify(frame->token.toUtf8(), QDateTime::currentDateTimeUtc())
            : Result<qint64>(frame.error());
        if (!user) {
            connection->close(ClientConnection::kCloseUnauthorized, user.error().message);
            return;
        }
        authenticate(connection, *user);
        return;
    }
    if (envelope.type == EventType::Auth) {
        connection->sendError(QStringLiteral("already_authenticated"),
            QStringLiteral("This connection is already signed in."));
        return;
    }
    if (envelope.type == EventType::Typing) {
        onTyping(connection, envelope);
        return;
    }
    connection->sendError(QStringLiteral("unknown_type"),
        QStringLiteral("Frames of type \"%1\" are not understood.").arg(envelope.type));
}

void RealtimeHub::onClosed(ClientConnection *connection)
{
    m_connections.remove(connection);
    const qint64 userId = connection->userId();
    if (userId != 0) {
        auto it = m_byUser.find(userId);
        if (it != m_byUser.end()) {
            it->removeOne(connection);
            if (it->isEmpty())
                m_byUser.erase(it);
        }
        auto ready = m_readyCount.find(userId);
        if (connection->isReady() && ready != m_readyCount.end() && --*ready == 0) {
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
    connection->deleteLater();
}

void RealtimeHub::sendToUsers(const QList<qint64> &userIds, const Envelope &event)
{
    // Serialised and framed once; every connection writes these same (shared) bytes.
    const QByteArray frame = WebSocketFrameEncoder::text(event.encode());
    for (qint64 userId : userIds) {
        const auto it = m_byUser.constFind(userId);
        if (it == m_byUser.constEnd())
            continue;
        for (ClientConnection *connection : *it)
            connection->sendFrame(frame);
    }
}

void RealtimeHub::invalidateConversation(qint64 conversationId)
{
    m_participants.invalidate(conversationId);
}

// Typing is relayed, never stored. A frame that names a conversation the user is not in is
// dropped without an answer, exactly like one for a conversation that does not exist.
void RealtimeHub::onTyping(ClientConnection *connection, const Envelope &envelope)
{
    Result<TypingFrame> frame = TypingFrame::fromPayload(envelope.payload);
    if (!frame) {
        connection->sendError(QStringLiteral("invalid_frame"), frame.error().message);
        return;
    }
    const qint64 userId = connection->userId();
    const qint64 now = m_clock.elapsed();
    // The throttle comes first, so a user costs at most one participant lookup per
    // conversation and interval however fast they type.
    if (!m_typing.admit(userId, frame->conversationId, frame->isTyping, now))
        return;
    if (const std::optional<QList<qint64>> cached = m_participants.find(frame->conversationId, now))
        relayTyping(userId, *frame, *cached);
    else if (!m_closing)
        lookUpAndRelayTyping(userId, *frame);
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
    const qint64 authLimit = m_settings.authTimeout.count();
    const qint64 deadLimit = m_settings.deadAfter.count();
    const bool pingNow = m_sincePing.elapsed() >= m_settings.pingInterval.count();
    if (pingNow)
        m_sincePing.restart();
    const QList<ClientConnection *> connections(m_connections.begin(), m_connections.end());
    for (ClientConnection *connection : connections) {
        if (!connection->isAuthenticated()) {
            if (connection->millisSinceCreated() > authLimit)
                connection->close(ClientConnection::kCloseUnauthorized,
                    QStringLiteral("No AUTH frame within %1 seconds.").arg(authLimit / 1000));
            continue;
        }
        if (connection->millisSincePong() > deadLimit) {
            qCInfo(lcRealtime) << "dropping a connection that stopped answering pings";
            connection->abort();
            continue;
        }
        if (pingNow)
            connection->ping();
    }
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
    const QList<ClientConnection *> connections(m_connections.begin(), m_connections.end());
    for (ClientConnection *connection : connections)
        connection->close(
            WebSocketProtocol::kCloseGoingAway, QStringLiteral("The server is shutting down."));
}

} // namespace Confab::Server
