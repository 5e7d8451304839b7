#include "server/core/realtime/typingthrottle.h"

namespace Confab::Server {

bool TypingThrottle::admit(qint64 userId, qint64 conversationId, bool isTyping, qint64 nowMs)
{
    const QPair<qint64, qint64> key(userId, conversationId);
    const auto it = m_last.constFind(key);
    const bool passes =
        it == m_last.constEnd() || nowMs - it->atMs >= m_intervalMs || (it->isTyping && !isTyping);
    if (passes)
        m_last.insert(key, Last(nowMs, isTyping));
    return passes;
}

void TypingThrottle::prune(qint64 nowMs)
{
    m_last.removeIf(
        [this, nowMs](const auto &it) { return nowMs - it.value().atMs > m_intervalMs; });
}

} // namespace Confab::Server
