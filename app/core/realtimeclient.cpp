#include "app/core/realtimeclient.h"

#include "app/core/certificatepinstore.h"
#include "app/core/session.h"
#include "app/core/tlstrust.h"

#include "app/core/logging.h"
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSslConfiguration>
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
    connect(session, &Session::signedOut, this, &RealtimeClient::stop);
    // Emitted before the session's ApiClient goes and cancels a token renewal under way, so
    // connectOnce() then finds the stream stopped.
    connect(session, &QObject::destroyed, this, &RealtimeClient::stop);
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
    if (m_running || !m_session)
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
    if (!m_session) {
        stop();
        co_return;
    }
    // The server checks the token only when a connection authenticates: send a fresh one.
    auto freshness = m_session->ensureFreshToken(kTokenMargin);
    const bool haveToken = co_await freshness;
    if (!self || !m_running)
        co_return;
    if (!m_session) {
        stop();
        co_return;
    }
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
    connect(socket, &QWebSocket::sslErrors, this,
        [this, socket](const QList<QSslError> &errors) { onSslErrors(socket, errors); });

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
    if (closeCode == kCloseUnauthenticated && m_session) {
        // The token was refused: renew it before the next attempt (ensureFreshToken only
        // knows about expiry).
        auto renewal = m_session->renewAccessToken(m_socketToken);
        Q_UNUSED(renewal);
    }
    scheduleRetry();
}

void RealtimeClient::onSslErrors(QWebSocket *socket, const QList<QSslError> &errors)
{
    if (socket != m_socket || !m_session)
        return;
    // Keyed by the server's HTTP address, so one pin covers REST and the event stream.
    const Result<void> verdict = m_session->tlsTrust().check(
        m_session->serverUrl(), socket->sslConfiguration().peerCertificate(), errors);
    if (verdict) {
        socket->ignoreSslErrors();
        return;
    }
    // Once the user trusts the certificate, waiting out the backoff would only delay events.
    connect(&m_session->tlsTrust(), &TlsTrust::pinned, this, &RealtimeClient::retrySoonAfterPin,
        Qt::UniqueConnection);
    Q_EMIT certificateRefused(verdict.error());
}

void RealtimeClient::retrySoonAfterPin(const QUrl &server)
{
    if (!m_session)
        return;
    if (CertificatePinStore::serverKey(server)
        != CertificatePinStore::serverKey(m_session->serverUrl()))
        return;
    if (m_running && m_retryTimer.isActive())
        m_retryTimer.start(0);
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
        {QString(EventType::MessageUpdated), &RealtimeClient::handleMessageUpdated},
        {QString(EventType::MessageDeleted), &RealtimeClient::handleMessageDeleted},
        {QString(EventType::Read), &RealtimeClient::handleRead},
        {QString(EventType::Typing), &RealtimeClient::handleTyping},
        {QString(EventType::Presence), &RealtimeClient::handlePresence},
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
    Q_EMIT onlineUsersReceived(event->onlineUserIds);
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

void RealtimeClient::sendTyping(qint64 conversationId, bool isTyping)
{
    if (m_state != State::Connected || !m_socket)
        return;
    m_socket->sendTextMessage(
        QString::fromUtf8(TypingFrame(conversationId, isTyping).toEnvelope().encode()));
}

namespace {
/// Decodes a typed event and emits it, or logs a malformed one.
template<typename Event, typename Emit>
void dispatch(const Envelope &envelope, Emit emitter)
{
    Result<Event> event = Event::fromPayload(envelope.payload);
    if (!event) {
        qCWarning(lcRealtime) << "malformed" << envelope.type << event.error().message;
        return;
    }
    emitter(*event);
}
} // namespace

void RealtimeClient::handleMessageUpdated(const Envelope &envelope)
{
    dispatch<MessageUpdatedEvent>(
        envelope, [this](const MessageUpdatedEvent &e) { Q_EMIT messageUpdated(e.message); });
}

void RealtimeClient::handleMessageDeleted(const Envelope &envelope)
{
    dispatch<MessageDeletedEvent>(
        envelope, [this](const MessageDeletedEvent &e) { Q_EMIT messageDeleted(e); });
}

void RealtimeClient::handleRead(const Envelope &envelope)
{
    dispatch<ReadEvent>(envelope, [this](const ReadEvent &e) { Q_EMIT readReceived(e); });
}

void RealtimeClient::handleTyping(const Envelope &envelope)
{
    dispatch<TypingEvent>(envelope, [this](const TypingEvent &e) { Q_EMIT typingReceived(e); });
}

void RealtimeClient::handlePresence(const Envelope &envelope)
{
    dispatch<PresenceEvent>(
        envelope, [this](const PresenceEvent &e) { Q_EMIT presenceReceived(e); });
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
