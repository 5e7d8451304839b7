#include "server/core/auth/verifiedtokencache.h"

namespace Confab::Server {

std::optional<qint64> VerifiedTokenCache::find(const QByteArray &token, qint64 nowSecs) const
{
    const QMutexLocker lock(&m_mutex);
    const auto found = m_entries.constFind(token);
    if (found == m_entries.constEnd() || nowSecs >= found->expiresAtSecs)
        return std::nullopt;
    return found->userId;
}

void VerifiedTokenCache::insert(
    const QByteArray &token, qint64 userId, qint64 expiresAtSecs, qint64 nowSecs)
{
    const QMutexLocker lock(&m_mutex);
    if (m_entries.size() >= m_capacity && !m_entries.contains(token)) {
        m_entries.removeIf([nowSecs](const QHash<QByteArray, Entry>::iterator &entry) {
            return nowSecs >= entry->expiresAtSecs;
        });
        if (m_entries.size() >= m_capacity)
            m_entries.clear();
    }
    m_entries.insert(token, Entry {userId, expiresAtSecs});
}

qsizetype VerifiedTokenCache::size() const
{
    const QMutexLocker lock(&m_mutex);
    return m_entries.size();
}

} // namespace Confab::Server
