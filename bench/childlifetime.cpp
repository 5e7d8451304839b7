#include "bench/childlifetime.h"

#include <QProcess>

#if defined(Q_OS_LINUX)
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>
#endif

namespace Confab::Bench {

void dieWithBench(QProcess &process)
{
#if defined(Q_OS_LINUX)
    const pid_t bench = ::getpid();
    // Runs in the child between fork and exec: only async-signal-safe calls.
    process.setChildProcessModifier([bench] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != bench) // confab-bench died before the line above
            ::_exit(1);
    });
#else
    Q_UNUSED(process);
#endif
}

} // namespace Confab::Bench
