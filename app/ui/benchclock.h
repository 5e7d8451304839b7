#pragma once

#include <QDeadlineTimer>

namespace Confab::Ui {

/// Benchmark-only: now on the machine's monotonic clock (CLOCK_MONOTONIC on Linux), which
/// confab-bench reads too, so times taken in both processes can be subtracted.
inline qint64 benchMonotonicNs()
{
    return QDeadlineTimer::current(Qt::PreciseTimer).deadlineNSecs();
}

} // namespace Confab::Ui
