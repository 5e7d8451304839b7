#include "server/core/eventloop/epolleventdispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <array>
#include <cerrno>
#include <cstdint>
#include <memory>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace Confab::Server {

namespace {
// What poll() semantics activate for each notifier type (as Qt's own dispatcher does).
constexpr quint32 kReadEvents = EPOLLIN | EPOLLHUP | EPOLLERR;
constexpr quint32 kWriteEvents = EPOLLOUT | EPOLLHUP | EPOLLERR;
constexpr quint32 kExceptionEvents = EPOLLPRI | EPOLLHUP | EPOLLERR;
constexpr int kMaxEventsPerWait = 1024;
} // namespace

quint32 EpollEventDispatcher::Watch::events() const
{
    quint32 events = 0;
    if (read)
        events |= EPOLLIN;
    if (write)
        events |= EPOLLOUT;
    if (exception)
        events |= EPOLLPRI;
    return events;
}

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_epoll(epoll_create1(EPOLL_CLOEXEC))
    , m_wakeFd(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))
{
    if (m_epoll < 0 || m_wakeFd < 0)
        return;
    epoll_event event {};
    event.events = EPOLLIN;
    event.data.fd = m_wakeFd;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &event) != 0) {
        ::close(m_wakeFd);
        m_wakeFd = -1;
    }
}

EpollEventDispatcher *EpollEventDispatcher::create()
{
    auto dispatcher = std::make_unique<EpollEventDispatcher>();
    return dispatcher->isValid() ? dispatcher.release() : nullptr;
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

// --- Socket notifiers ------------------------------------------------------------------------

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const auto found = m_watches.find(fd);
    const bool wasWatched = found != m_watches.end();
    Watch watch = wasWatched ? *found : Watch {};
    switch (notifier->type()) {
    case QSocketNotifier::Read:
        watch.read = notifier;
        break;
    case QSocketNotifier::Write:
        watch.write = notifier;
        break;
    case QSocketNotifier::Exception:
        watch.exception = notifier;
        break;
    }
    updateWatch(fd, watch, wasWatched);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    m_pendingSet.remove(notifier);
    const int fd = int(notifier->socket());
    const auto found = m_watches.find(fd);
    if (found == m_watches.end())
        return;
    Watch watch = *found;
    if (watch.read == notifier)
        watch.read = nullptr;
    if (watch.write == notifier)
        watch.write = nullptr;
    if (watch.exception == notifier)
        watch.exception = nullptr;
    updateWatch(fd, watch, true);
}

void EpollEventDispatcher::updateWatch(int fd, const Watch &watch, bool wasWatched)
{
    const bool wasAlwaysReady = wasWatched && m_watches.value(fd).alwaysReady;
    if (watch.events() == 0) {
        // The descriptor may be closed already (then the kernel dropped it by itself).
        if (wasWatched && !wasAlwaysReady)
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        if (wasAlwaysReady)
            --m_alwaysReadyCount;
        m_watches.remove(fd);
        return;
    }
    Watch updated = watch;
    updated.alwaysReady = wasAlwaysReady;
    if (!wasAlwaysReady) {
        epoll_event event {};
        event.events = watch.events();
        event.data.fd = fd;
        int result = epoll_ctl(m_epoll, wasWatched ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event);
        // A descriptor closed and reused while watched: the kernel forgot the old one.
        if (result != 0 && errno == ENOENT)
            result = epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
        else if (result != 0 && errno == EEXIST)
            result = epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
        if (result != 0 && errno == EPERM) {
            // Regular files cannot be watched; poll() reports them always ready.
            updated.alwaysReady = true;
            ++m_alwaysReadyCount;
        } else if (result != 0) {
            qWarning("EpollEventDispatcher: cannot watch descriptor %d (errno %d)", fd, errno);
        }
    }
    m_watches.insert(fd, updated);
}

void EpollEventDispatcher::markPending(int fd, quint32 events)
{
    const auto found = m_watches.constFind(fd);
    if (found == m_watches.constEnd())
        return;
    const auto mark = [this](QSocketNotifier *notifier) {
        if (notifier && !m_pendingSet.contains(notifier)) {
            m_pendingSet.insert(notifier);
            m_pending.append(notifier);
        }
    };
    if (events & kReadEvents)
        mark(found->read);
    if (events & kWriteEvents)
        mark(found->write);
    if (events & kExceptionEvents)
        mark(found->exception);
}

int EpollEventDispatcher::activatePending()
{
    // A notifier unregistered (or deleted) by an earlier one's handler has left the set
    // through unregisterSocketNotifier(), so every notifier activated here is alive.
    int activated = 0;
    while (!m_pending.isEmpty()) {
        QSocketNotifier *notifier = m_pending.takeFirst();
        if (!m_pendingSet.remove(notifier))
            continue;
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(notifier, &event);
        ++activated;
    }
    return activated;
}

// --- Timers ----------------------------------------------------------------------------------

void EpollEventDispatcher::registerTimer(
    int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    unregisterTimer(timerId);
    Timer timer;
    timer.id = timerId;
    timer.interval = interval;
    timer.type = timerType;
    timer.object = object;
    timer.deadline = Clock::now() + std::chrono::milliseconds(interval);
    m_deadlines.emplace(timer.deadline, timerId);
    m_timers.insert(timerId, timer);
}

void EpollEventDispatcher::forgetDeadline(const Timer &timer)
{
    auto [first, last] = m_deadlines.equal_range(timer.deadline);
    for (auto it = first; it != last; ++it) {
        if (it->second == timer.id) {
            m_deadlines.erase(it);
            return;
        }
    }
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto found = m_timers.find(timerId);
    if (found == m_timers.end())
        return false;
    forgetDeadline(*found);
    m_timers.erase(found);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    QList<int> ids;
    for (const Timer &timer : std::as_const(m_timers)) {
        if (timer.object == object)
            ids.append(timer.id);
    }
    for (int id : std::as_const(ids))
        unregisterTimer(id);
    return !ids.isEmpty();
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(
    QObject *object) const
{
    QList<TimerInfo> timers;
    for (const Timer &timer : std::as_const(m_timers)) {
        if (timer.object == object)
            timers.append(TimerInfo(timer.id, int(timer.interval), timer.type));
    }
    return timers;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto found = m_timers.constFind(timerId);
    if (found == m_timers.constEnd())
        return -1;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(found->deadline - Clock::now());
    return left.count() > 0 ? int(left.count()) : 0;
}

int EpollEventDispatcher::activateTimers()
{
    const Clock::time_point now = Clock::now();
    QList<int> due;
    for (auto it = m_deadlines.begin(); it != m_deadlines.end() && it->first <= now; ++it)
        due.append(it->second);
    int activated = 0;
    for (int id : std::as_const(due)) {
        const auto found = m_timers.find(id);
        // Stopped by an earlier timer's handler, or still inside its own (a nested loop).
        if (found == m_timers.end() || found->active || found->deadline > now)
            continue;
        // The next deadline follows the last one, unless the loop fell a whole interval
        // behind; set before delivery so the handler may stop or restart the timer.
        forgetDeadline(*found);
        const auto interval = std::chrono::milliseconds(found->interval);
        found->deadline =
            found->deadline + interval > now ? found->deadline + interval : now + interval;
        m_deadlines.emplace(found->deadline, id);
        found->active = true;
        QObject *object = found->object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
        ++activated;
        if (const auto after = m_timers.find(id); after != m_timers.end())
            after->active = false;
    }
    return activated;
}

int EpollEventDispatcher::timeoutMs() const
{
    if (m_deadlines.empty())
        return -1;
    const auto left = m_deadlines.begin()->first - Clock::now();
    if (left <= Clock::duration::zero())
        return 0;
    // Rounded up: waking a little late is harmless, waking early costs an empty pass.
    return int(std::chrono::ceil<std::chrono::milliseconds>(left).count());
}

// --- The loop --------------------------------------------------------------------------------

void EpollEventDispatcher::wakeUp()
{
    // Every event posted to this thread from another one calls this: while a wake-up is
    // pending, the thread will run the posted events anyway, so one write serves them all.
    if (m_wakePending.exchange(true))
        return;
    const std::uint64_t one = 1;
    // A full counter (never in practice) is still readable, which is all a wake-up needs.
    [[maybe_unused]] const ssize_t written = ::write(m_wakeFd, &one, sizeof one);
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.store(true);
    wakeUp();
}

void EpollEventDispatcher::drainWakeFd()
{
    std::uint64_t count = 0;
    [[maybe_unused]] const ssize_t read = ::read(m_wakeFd, &count, sizeof count);
    // From here a post must write again; those before are run by the next sendPostedEvents().
    m_wakePending.store(false);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.store(false);
    Q_EMIT awake();
    // Events posted to this thread; those posted later call wakeUp(), so the wait below
    // returns at once for them.
    QCoreApplication::sendPostedEvents();

    const bool includeTimers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool includeNotifiers = !(flags & QEventLoop::ExcludeSocketNotifiers);
    const bool mayWait = (flags & QEventLoop::WaitForMoreEvents) && !m_interrupted.load();

    int timeout = 0;
    if (mayWait && !(includeNotifiers && m_alwaysReadyCount > 0)) {
        timeout = includeTimers ? timeoutMs() : -1;
        Q_EMIT aboutToBlock();
    }
    if (m_interrupted.load())
        return false;

    std::array<epoll_event, kMaxEventsPerWait> events {};
    int ready = epoll_wait(m_epoll, events.data(), kMaxEventsPerWait, timeout);
    if (ready < 0) {
        if (errno != EINTR)
            qWarning("EpollEventDispatcher: epoll_wait failed (errno %d)", errno);
        ready = 0;
    }
    if (timeout != 0)
        Q_EMIT awake();

    int activated = 0;
    for (int i = 0; i < ready; ++i) {
        if (events[size_t(i)].data.fd == m_wakeFd)
            drainWakeFd();
        else if (includeNotifiers)
            markPending(events[size_t(i)].data.fd, events[size_t(i)].events);
    }
    if (includeNotifiers) {
        if (m_alwaysReadyCount > 0) {
            for (auto it = m_watches.constBegin(); it != m_watches.constEnd(); ++it) {
                if (it->alwaysReady)
                    markPending(it.key(), EPOLLIN | EPOLLOUT);
            }
        }
        activated += activatePending();
    }
    if (includeTimers)
        activated += activateTimers();
    return activated > 0;
}

} // namespace Confab::Server
