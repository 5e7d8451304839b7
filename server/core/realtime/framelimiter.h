#pragma once

#include <QtGlobal>

#include <array>

namespace Confab::Server {

/// Counts one connection's incoming frames over a sliding one-second window (ten 100 ms
/// slices, so a connection costs a few bytes however fast it sends) and says what to do with
/// the next frame.
class FrameLimiter
{
public:
    enum class Verdict {
        Accept,
        Drop, ///< over the rate; the client has been told within the last second
        DropAndWarn, ///< over the rate; send one `rate_limited` ERROR
        Close, ///< far over the rate, or over it for too long: close with 4429
    };

    FrameLimiter(int maxPerSecond, int closeAbovePerSecond, int closeAfterSecondsOver);

    int maxPerSecond() const { return m_maxPerSecond; }

    /// Records a frame that arrived `nowMs` (a monotonic clock) and judges it.
    Verdict onFrame(qint64 nowMs);

private:
    static constexpr int kSlices = 10;
    static constexpr qint64 kSliceMs = 1000 / kSlices;

    void advanceTo(qint64 slice);
    static int sum(const std::array<quint16, kSlices> &counts);

    int m_maxPerSecond;
    int m_closeAbove;
    int m_closeAfterSeconds;
    std::array<quint16, kSlices> m_accepted {};
    std::array<quint16, kSlices> m_received {};
    qint64 m_slice = 0;
    qint64 m_lastWarningMs = -1;
    qint64 m_lastDropSecond = -2;
    int m_secondsOver = 0;
};

} // namespace Confab::Server
