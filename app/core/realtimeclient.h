#pragma once

#include "common/conversation.h"
#include "common/events.h"
#include "common/message.h"
#include "common/user.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QTimer>

#include <chrono>

class QWebSocket;

namespace Confab::Client {

class Session;

/// The WebSocket event stream of one Session: authenticates with the bearer header, turns
/// frames into typed signals, and reconnects after any drop with exponential backoff and
/// jitter until stop(). Events are not replayed by the server: listeners catch up over
/// HTTP on every ready().
class RealtimeClient : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
public:
    enum class State {
        Disconnected, ///< not started, stopped, or signed out
        Connecting, ///< the first connection is being made
        Connected, ///< READY received; events flow
        Reconnecting, ///< the connection dropped; retrying ("Reconnecting…" in the UI)
    };
    Q_ENUM(State)

    explicit RealtimeClient(Session *session, QObject *parent = nullptr);
    ~RealtimeClient() override;

    State state() const { return m_state; }
    /// First retry delay and the cap of the exponential backoff (defaults 1 s and 60 s).
    void setBackoff(std::chrono::milliseconds initial, std::chrono::milliseconds maximum);
    /// The delay before retry number `attempt` (0-based): initial·2^attempt capped, then a
    /// random value in its upper half so that clients do not come back all at once.
    std::chrono::milliseconds retryDelay(int attempt) const;

    void start();
    void stop();

    /// Tells the server that the user is (or stopped) typing in a conversation. Dropped when
    /// not connected: typing is not worth delivering late.
    void sendTyping(qint64 conversationId, bool isTyping);

Q_SIGNALS:
    void stateChanged(Confab::Client::RealtimeClient::State state);
    /// READY arrived: after the first connection and after every reconnection.
    void ready(const Confab::User &user);
    /// The users who share a conversation with us and are online; emitted with every READY,
    /// just before ready().
    void onlineUsersReceived(const QList<qint64> &userIds);
    void messageCreated(const Confab::Message &message);
    void messageUpdated(const Confab::Message &message);
    void messageDeleted(const Confab::MessageDeletedEvent &event);
    void readReceived(const Confab::ReadEvent &event);
    void typingReceived(const Confab::TypingEvent &event);
    void presenceReceived(const Confab::PresenceEvent &event);
    void conversationCreated(const Confab::Conversation &conversation);
    /// Groups and profiles (protocol §7).
    void participantAdded(
        qint64 conversationId, const Confab::User &user, Confab::ParticipantRole role);
    void participantRemoved(qint64 conversationId, qint64 userId);
    void conversationUpdated(const Confab::Conversation &conversation);
    void userUpdated(const Confab::User &user);
    /// Every other well-formed frame (ERROR, and types this client does not know yet).
    void eventReceived(const Confab::Envelope &envelope);
    /// The server's certificate was refused (`certificate_untrusted` or `certificate_changed`);
    /// retries go on, and succeed once the user trusts it (TlsTrust::pin()).
    void certificateRefused(const Confab::Error &error);

private:
    QCoro::Task<> connectOnce();
    void onFrame(const QString &text);
    void onDropped(QWebSocket *socket);
    void onSslErrors(QWebSocket *socket, const QList<QSslError> &errors);
    void retrySoonAfterPin(const QUrl &server);
    void scheduleRetry();
    void setState(State state);

    void handleReady(const Envelope &envelope);
    void handleMessageCreated(const Envelope &envelope);
    void handleConversationCreated(const Envelope &envelope);
    void handleMessageUpdated(const Envelope &envelope);
    void handleMessageDeleted(const Envelope &envelope);
    void handleRead(const Envelope &envelope);
    void handleTyping(const Envelope &envelope);
    void handlePresence(const Envelope &envelope);
    void handleParticipantAdded(const Envelope &envelope);
    void handleParticipantRemoved(const Envelope &envelope);
    void handleConversationUpdated(const Envelope &envelope);
    void handleUserUpdated(const Envelope &envelope);

    QPointer<Session> m_session; ///< may go first: the stream then stops
    QPointer<QWebSocket> m_socket;
    QString m_socketToken; ///< the access token the current socket authenticated with
    QTimer m_retryTimer;
    State m_state = State::Disconnected;
    bool m_running = false;
    bool m_everConnected = false;
    int m_attempt = 0;
    std::chrono::milliseconds m_initialDelay {1000};
    std::chrono::milliseconds m_maximumDelay {60000};
};

} // namespace Confab::Client
