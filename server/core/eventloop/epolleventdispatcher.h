#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>
#include <QList>
#include <QSet>

#include <atomic>
#include <chrono>
#include <map>

class QSocketNotifier;

namespace Confab::Server {

/// A Linux event dispatcher on epoll: waiting costs the same whether a thread holds ten
/// sockets or a hundred thousand. Qt 6.4's own dispatchers hand every registered socket to
/// poll() on every loop iteration, which makes a busy server with many idle WebSockets spend
/// most of its time in the kernel walking sockets that have nothing to say
/// (docs/performance.md, "What bounds it").
///
/// Socket notifiers are level-triggered, like poll(); timers keep Qt's millisecond
/// precision; posted events and wakeUp() from other threads go through an eventfd.
/// Install it before the thread's first event loop (QCoreApplication::setEventDispatcher
/// before the application object, or QThread::setEventDispatcher before start()).
class EpollEventDispatcher : public QAbstractEventDispatcher
{
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    /// A new dispatcher to install, or null when the kernel refused an epoll instance or an
    /// eventfd (then the thread keeps Qt's own).
    static EpollEventDispatcher *create();

    /// False when the kernel refused an epoll instance or an eventfd (then do not install it).
    bool isValid() const { return m_epoll >= 0 && m_wakeFd >= 0; }

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(
        int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    using Clock = std::chrono::steady_clock;

    struct Watch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        /// epoll refuses regular files; like poll(), they count as always ready.
        bool alwaysReady = false;
        quint32 events() const;
    };
    struct Timer
    {
        int id = 0;
        qint64 interval = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        Clock::time_point deadline;
        bool active = false; ///< its QTimerEvent is being delivered (no re-entry)
    };

    void updateWatch(int fd, const Watch &watch, bool wasWatched);
    void markPending(int fd, quint32 events);
    int activatePending();
    void forgetDeadline(const Timer &timer);
    int activateTimers();
    int timeoutMs() const;
    void drainWakeFd();

    int m_epoll = -1;
    int m_wakeFd = -1;
    QHash<int, Watch> m_watches;
    int m_alwaysReadyCount = 0;
    /// Notifiers whose descriptors are ready, in activation order; the set says which are
    /// still due (an unregistered one leaves the set, and its list entry is skipped).
    QList<QSocketNotifier *> m_pending;
    QSet<QSocketNotifier *> m_pendingSet;
    QHash<int, Timer> m_timers;
    std::multimap<Clock::time_point, int> m_deadlines;
    std::atomic<bool> m_interrupted {false};
    /// A wake-up is written and not yet read: further ones need no system call.
    std::atomic<bool> m_wakePending {false};
};

} // namespace Confab::Server
