#pragma once

#include <QHash>
#include <QList>

#include <chrono>
#include <optional>

namespace Confab::Server {

/// Conversation participants as the database said a moment ago, so that typing frames do not
/// each cost a query. Entries live `ttl` (short: a removal is honoured within it even if no one
/// invalidates) and are dropped at once by invalidate(). "No such conversation" is not cached:
/// an id probed before it exists must work as soon as the conversation is made, and probing is
/// bounded anyway by the typing throttle and the frame rate limit.
class ParticipantCache
{
public:
    explicit ParticipantCache(std::chrono::milliseconds ttl)
        : m_ttlMs(ttl.count())
    { }

    std::optional<QList<qint64>> find(qint64 conversationId, qint64 nowMs) const;
    void insert(qint64 conversationId, QList<qint64> participantIds, qint64 nowMs);
    void invalidate(qint64 conversationId);
    /// Drops expired entries.
    void prune(qint64 nowMs);
    /// Bumped by every invalidate(): a lookup that started before one must not be cached.
    quint64 generation() const { return m_generation; }

private:
    struct Entry
    {
        Entry() = default;
        Entry(QList<qint64> ids, qint64 expires)
            : participantIds(std::move(ids))
            , expiresMs(expires)
        { }
        QList<qint64> participantIds;
        qint64 expiresMs = 0;
    };

    qint64 m_ttlMs;
    QHash<qint64, Entry> m_entries;
    quint64 m_generation = 0;
};

} // namespace Confab::Server
