#include "server/core/auth/backgroundcpupriority.h"

#include <QThread>

#include <algorithm>
#include <cerrno>

#if defined(Q_OS_LINUX)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace Confab::Server {

namespace {
// Linux schedules threads one by one, so a nice value set for one thread's id affects that
// thread only. Ten steps down weigh about a tenth: when the event loop wants a core it gets it
// at once, and the job still gets its share when the machine is saturated.
constexpr int kNiceSteps = 10;
constexpr int kLowestNice = 19;
} // namespace

void lowerCurrentThreadCpuPriority()
{
    thread_local bool lowered = false;
    if (lowered)
        return;
    lowered = true;
#if defined(Q_OS_LINUX)
    const auto threadId = static_cast<id_t>(::syscall(SYS_gettid));
    errno = 0;
    const int current = ::getpriority(PRIO_PROCESS, threadId);
    if (errno == 0)
        ::setpriority(PRIO_PROCESS, threadId, std::min(current + kNiceSteps, kLowestNice));
#else
    QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}

} // namespace Confab::Server
