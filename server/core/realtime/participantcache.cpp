#include "server/core/realtime/participantcache.h"

namespace Confab::Server {

std::optional<QList<qint64>> ParticipantCache::find(qint64 conversationId, qint64 nowMs) const
{
    const auto it = m_entries.constFind(conversationId);
    if (it == m_entries.constEnd() || it->expiresMs <= nowMs)
        return std::nullopt;
    return it->participantIds;
}

void ParticipantCache::insert(qint64 conversationId, QList<qint64> participantIds, qint64 nowMs)
{
    m_entries.insert(conversationId, Entry(std::move(participantIds), nowMs + m_ttlMs));
}

void ParticipantCache::invalidate(qint64 conversationId)
{
    m_entries.remove(conversationId);
    ++m_generation;
}

void ParticipantCache::prune(qint64 nowMs)
{
    m_entries.removeIf([nowMs](const auto &it) { return it.value().expiresMs <= nowMs; });
}

} // namespace Confab::Server
