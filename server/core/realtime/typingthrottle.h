#pragma once

#include <QHash>
#include <QPair>

#include <chrono>

namespace Confab::Server {

/// Decides which TYPING frames are relayed: at most one per user and conversation within the
/// interval, except that a "stopped typing" right after a relayed "typing" always passes, so
/// that the others never keep showing an indicator for someone who has stopped. That bounds a
/// user to two relays per conversation and interval.
class TypingThrottle
{
public:
    explicit TypingThrottle(std::chrono::milliseconds interval)
        : m_intervalMs(interval.count())
    { }

    /// True when this frame is to be relayed; records it as relayed then.
    bool admit(qint64 userId, qint64 conversationId, bool isTyping, qint64 nowMs);
    /// Forgets users and conversations that have been quiet for a while.
    void prune(qint64 nowMs);

private:
    struct Last
    {
        Last() = default;
        Last(qint64 at, bool typing)
            : atMs(at)
            , isTyping(typing)
        { }
        qint64 atMs = 0;
        bool isTyping = false;
    };

    qint64 m_intervalMs;
    QHash<QPair<qint64, qint64>, Last> m_last;
};

} // namespace Confab::Server
