#pragma once

#include <QtGlobal>

#include <ctime>

namespace Confab::Bench {

/// Nanoseconds on CLOCK_MONOTONIC. The clock is shared by every process on the machine, so a
/// time written into a message by the sender can be compared with the receiver's clock.
inline qint64 monotonicNs()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

} // namespace Confab::Bench
