#include "app/core/realtimeclient.h"

#include "app/core/session.h"

#include "app/core/logging.h"
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QWebSocket>

namespace Confab::Client {

namespace {

constexpr quint16 kCloseUnauthenticated = 4401;
constexpr std::chrono::seconds kTokenMargin {60};

using Handler = void (RealtimeClient::*)(const Envelope &);

} // namespace

RealtimeClient::RealtimeClient(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { connectOnce(); });
    connect(m_session, &Session::signedOut, this, &RealtimeClient::stop);
}

RealtimeClient::~RealtimeClient()
{
    m_running = false;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

void RealtimeClient::setBackoff(
    std::chrono::milliseconds initial, std::chrono::milliseconds maximum)
{
    m_initialDelay = initial;
    m_maximumDelay = maximum;
}

std::chrono::milliseconds RealtimeClient::retryDelay(int attempt) const
{
    qint64 delay = m_initialDelay.count();
    for (int i = 0; i < attempt && delay < m_maximumDelay.count(); ++i)
        delay *= 2;
    delay = std::min<qint64>(delay, m_maximumDelay.count());
    const qint64 half = delay / 2;
    return std::chrono::milliseconds(half + QRandomGenerator::global()->bounded(half + 1));
}

void RealtimeClient::start()
{
    if (m_running)
        return;
    m_running = true;
    m_everConnected = false;
    m_attempt = 0;
    setState(State::Connecting);
    connectOnce();
}

void RealtimeClient::stop()
{
    m_running = false;
    m_retryTimer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close();
        m_socket->deleteLater();
        m_socket.clear();
    }
    setState(State::Disconnected);
}

void RealtimeClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

QCoro::Task<> RealtimeClient::connectOnce()
{
    QPointer<RealtimeClient> self(this);
    // The server checks the token only when a connection authenticates: send a fresh one.
    auto freshness = m_session->ensureFreshToken(kTokenMargin);
    const bool haveToken = co_await freshness;
    if (!self || !m_running)
        co_return;
    if (!haveToken) {
        if (m_session->isSignedIn()) // server unreachable for the refresh: try again later
            scheduleRetry();
        else
            stop();
        co_return;
    }

    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    m_socketToken = m_session->accessToken();
    connect(socket, &QWebSocket::textMessageReceived, this, &RealtimeClient::onFrame);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { onDropped(socket); });
    connect(socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
        [this, socket](QAbstractSocket::SocketError) { onDropped(socket); });

    QNetworkRequest request(m_session->webSocketUrl());
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_socketToken.toUtf8());
    socket->open(request);
}

void RealtimeClient::onDropped(QWebSocket *socket)
{
    if (socket != m_socket)
        return; // a late signal of a socket already replaced
    const quint16 closeCode = quint16(socket->closeCode());
    qCDebug(lcRealtime) << "connection dropped:" << closeCode << socket->errorString();
    socket->disconnect(this);
    socket->deleteLater();
    m_socket.clear();
    if (!m_running)
        return;
    if (closeCode == kCloseUnauthenticated) {
        // The token was refused: renew it before the next attempt (ensureFreshToken only
        // knows about expiry).
        auto renewal = m_session->renewAccessToken(m_socketToken);
        Q_UNUSED(renewal);
    }
    scheduleRetry();
}

void RealtimeClient::scheduleRetry()
{
    setState(m_everConnected ? State::Reconnecting : State::Connecting);
    m_retryTimer.start(retryDelay(m_attempt));
    ++m_attempt;
}

void RealtimeClient::onFrame(const QString &text)
{
    Result<Envelope> envelope = Envelope::decode(text.toUtf8());
    if (!envelope) {
        qCWarning(lcRealtime) << "ignoring a malformed frame:" << envelope.error().message;
        return;
    }
    static const QHash<QString, Handler> handlers {
        {QString(EventType::Ready), &RealtimeClient::handleReady},
        {QString(EventType::MessageCreated), &RealtimeClient::handleMessageCreated},
        {QString(EventType::ConversationCreated), &RealtimeClient::handleConversationCreated},
        {QString(EventType::ParticipantAdded), &RealtimeClient::handleParticipantAdded},
        {QString(EventType::ParticipantRemoved), &RealtimeClient::handleParticipantRemoved},
        {QString(EventType::ConversationUpdated), &RealtimeClient::handleConversationUpdated},
        {QString(EventType::UserUpdated), &RealtimeClient::handleUserUpdated},
    };
    const Handler handler = handlers.value(envelope->type);
    if (handler)
        (this->*handler)(*envelope);
    else
        Q_EMIT eventReceived(*envelope);
}

void RealtimeClient::handleReady(const Envelope &envelope)
{
    Result<ReadyEvent> event = ReadyEvent::fromPayload(envelope.payload);
    if (!event) {
        qCWarning(lcRealtime) << "malformed READY:" << event.error().message;
        return;
    }
    m_attempt = 0;
    m_everConnected = true;
    setState(State::Connected);
    Q_EMIT ready(event->user);
}

void RealtimeClient::handleMessageCreated(const Envelope &envelope)
{
    Result<MessageCreatedEvent> event = MessageCreatedEvent::fromPayload(envelope.payload);
    if (!event) {
        qCWarning(lcRealtime) << "malformed MESSAGE_CREATED:" << event.error().message;
        return;
    }
    Q_EMIT messageCreated(event->message);
}

void RealtimeClient::handleConversationCreated(const Envelope &envelope)
{
    Result<ConversationCreatedEvent> event =
        ConversationCreatedEvent::fromPayload(envelope.payload);
    if (!event) {
        qCWarning(lcRealtime) << "malformed CONVERSATION_CREATED:" << event.error().message;
        return;
    }
    Q_EMIT conversationCreated(event->conversation);
}

void RealtimeClient::handleParticipantAdded(const Envelope &envelope)
{
    Result<ParticipantAddedEvent> event = ParticipantAddedEvent::fromPayload(envelope.payload);
    if (!event) {
        qCWarning(lcRealtime) << "malformed PARTICIPANT_ADDED:" << event.error().message;
        return;
    }
    Q_EMIT participantAdded(event->conversationId, event->user, event->role);
}

void RealtimeClient::handleParticipantRemoved(const Envelope &envelope)
{
    Result<ParticipantRemovedEvent> event = ParticipantRemovedEvent::fromPayload(envelope.payload);
    if (!event) {
        qCWarning(lcRealtime) << "malformed PARTICIPANT_REMOVED:" << event.error().message;
        return;
    }
    Q_EMIT participantRemoved(event->conversationId, event->userId);
}

void RealtimeClient::handleConversationUpdated(const Envelope &envelope)
{
    Result<ConversationUpdatedEvent> event =
        ConversationUpdatedEvent::fromPayload(envelope.payload);
    if (!event) {
        qCWarning(lcRealtime) << "malformed CONVERSATION_UPDATED:" << event.error().message;
        return;
    }
    Q_EMIT conversationUpdated(event->conversation);
}

void RealtimeClient::handleUserUpdated(const Envelope &envelope)
{
    Result<UserUpdatedEvent> event = UserUpdatedEvent::fromPayload(envelope.payload);
    if (!event) {
        qCWarning(lcRealtime) << "malformed USER_UPDATED:" << event.error().message;
        return;
    }
    Q_EMIT userUpdated(event->user);
}

} // namespace Confab::Client
