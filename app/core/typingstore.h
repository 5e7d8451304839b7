#pragma once

#include <QHash>
#include <QList>
#include <QObject>

#include <chrono>

class QTimer;

namespace Confab::Client {

class RealtimeClient;

/// Who is typing where, from the TYPING events of other participants. Someone stops counting
/// as typing when they say so, when their message arrives, when they go offline, or when no
/// news about them came for the timeout (5 s by default).
class TypingStore : public QObject
{
    Q_OBJECT
public:
    explicit TypingStore(RealtimeClient *realtime, QObject *parent = nullptr);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    /// The users typing in a conversation, in the order they started.
    QList<qint64> typists(qint64 conversationId) const;

    void setTyping(qint64 conversationId, qint64 userId, bool typing);
    /// Forgets a user everywhere (they went offline).
    void clearUser(qint64 userId);

Q_SIGNALS:
    void typistsChanged(qint64 conversationId);

private:
    struct Key
    {
        qint64 conversationId;
        qint64 userId;
        bool operator==(const Key &other) const = default;
    };
    friend size_t qHash(const Key &key, size_t seed)
    {
        return qHashMulti(seed, key.conversationId, key.userId);
    }

    QHash<Key, QTimer *> m_timers;
    QHash<qint64, QList<qint64>> m_typists;
    std::chrono::milliseconds m_timeout {5000};
};

} // namespace Confab::Client
