#include "server/core/realtime/framelimiter.h"

#include <numeric>

namespace Confab::Server {

FrameLimiter::FrameLimiter(int maxPerSecond, int closeAbovePerSecond, int closeAfterSecondsOver)
    : m_maxPerSecond(maxPerSecond)
    , m_closeAbove(closeAbovePerSecond)
    , m_closeAfterSeconds(closeAfterSecondsOver)
{ }

int FrameLimiter::sum(const std::array<quint16, kSlices> &counts)
{
    return std::accumulate(counts.begin(), counts.end(), 0);
}

void FrameLimiter::advanceTo(qint64 slice)
{
    if (slice <= m_slice)
        return;
    const qint64 steps = qMin<qint64>(slice - m_slice, kSlices);
    for (qint64 i = 1; i <= steps; ++i) {
        const auto index = size_t((m_slice + i) % kSlices);
        m_accepted[index] = 0;
        m_received[index] = 0;
    }
    m_slice = slice;
}

FrameLimiter::Verdict FrameLimiter::onFrame(qint64 nowMs)
{
    advanceTo(nowMs / kSliceMs);
    const auto index = size_t(m_slice % kSlices);
    // Saturating: past the close limit the connection is gone anyway.
    if (m_received[index] < 0xffff)
        ++m_received[index];
    if (sum(m_received) > m_closeAbove)
        return Verdict::Close;
    if (sum(m_accepted) < m_maxPerSecond) {
        ++m_accepted[index];
        return Verdict::Accept;
    }

    const qint64 second = nowMs / 1000;
    if (second != m_lastDropSecond) {
        m_secondsOver = second == m_lastDropSecond + 1 ? m_secondsOver + 1 : 1;
        m_lastDropSecond = second;
        if (m_secondsOver >= m_closeAfterSeconds)
            return Verdict::Close;
    }
    if (m_lastWarningMs < 0 || nowMs - m_lastWarningMs >= 1000) {
        m_lastWarningMs = nowMs;
        return Verdict::DropAndWarn;
    }
    return Verdict::Drop;
}

} // namespace Confab::Server
