// The epoll event dispatcher runs this whole test's main thread (installed before the
// application object, as confab-server does): timers, socket notifiers with many sockets,
// posted events and wake-ups from other threads, nested loops and quitting.
#include "server/core/eventloop/epolleventdispatcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <memory>
#include <vector>

using Confab::Server::EpollEventDispatcher;

class TestEpollEventDispatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isTheMainThreadsDispatcher();
    void timersFireInOrderAndRepeat();
    void timerStoppedByAnotherTimerDoesNotFire();
    void remainingTimeAndRegisteredTimers();
    void zeroTimerDoesNotRecurseIntoItself();
    void postedEventsFromAnotherThreadWakeTheLoop();
    void everyBurstOfPostsWakesTheLoopAgain();
    void quitFromAnotherThreadInterruptsTheWait();
    void manySocketsEchoEveryByte();
    void notifierDeletedByAnEarlierHandlerIsNotActivated();
    void regularFileCountsAsReady();
};

void TestEpollEventDispatcher::isTheMainThreadsDispatcher()
{
    QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()));
}

void TestEpollEventDispatcher::timersFireInOrderAndRepeat()
{
    QList<QString> fired;
    QTimer late, early;
    late.setSingleShot(true);
    early.setSingleShot(true);
    connect(&late, &QTimer::timeout, this, [&] { fired << QStringLiteral("late"); });
    connect(&early, &QTimer::timeout, this, [&] { fired << QStringLiteral("early"); });
    late.start(120);
    early.start(30);
    QTRY_COMPARE(fired, (QList<QString> {QStringLiteral("early"), QStringLiteral("late")}));

    // A repeating timer keeps its rhythm and never fires before its interval.
    int ticks = 0;
    QElapsedTimer clock;
    QTimer repeating;
    repeating.setTimerType(Qt::PreciseTimer);
    connect(&repeating, &QTimer::timeout, this, [&] { ++ticks; });
    clock.start();
    repeating.start(20);
    QTRY_VERIFY(ticks >= 5);
    repeating.stop();
    QVERIFY2(clock.elapsed() >= 5 * 20 - 1, qPrintable(QString::number(clock.elapsed())));
}

void TestEpollEventDispatcher::timerStoppedByAnotherTimerDoesNotFire()
{
    // Both become due in the same pass (the thread sleeps past them); whichever fires first
    // stops the other.
    QTimer first, second;
    first.setSingleShot(true);
    second.setSingleShot(true);
    int fired = 0;
    connect(&first, &QTimer::timeout, this, [&] {
        ++fired;
        second.stop();
    });
    connect(&second, &QTimer::timeout, this, [&] {
        ++fired;
        first.stop();
    });
    first.start(10);
    second.start(10);
    QThread::msleep(30);
    QTRY_COMPARE(fired, 1);
    QTest::qWait(50);
    QCOMPARE(fired, 1);
}

void TestEpollEventDispatcher::remainingTimeAndRegisteredTimers()
{
    QTimer timer;
    timer.start(10000);
    const int left = timer.remainingTime();
    QVERIFY2(left > 9000 && left <= 10000, qPrintable(QString::number(left)));
    const QList<QAbstractEventDispatcher::TimerInfo> timers =
        QAbstractEventDispatcher::instance()->registeredTimers(&timer);
    QCOMPARE(timers.size(), 1);
    QCOMPARE(timers.first().interval, 10000);
    timer.stop();
    QVERIFY(QAbstractEventDispatcher::instance()->registeredTimers(&timer).isEmpty());
    QCOMPARE(QAbstractEventDispatcher::instance()->remainingTime(timers.first().timerId), -1);
}

void TestEpollEventDispatcher::zeroTimerDoesNotRecurseIntoItself()
{
    // A zero-interval timer whose handler spins a nested loop must not be re-entered.
    QTimer timer;
    int depth = 0, maxDepth = 0, count = 0;
    connect(&timer, &QTimer::timeout, this, [&] {
        ++depth;
        maxDepth = std::max(maxDepth, depth);
        ++count;
        QEventLoop nested;
        QTimer::singleShot(5, &nested, &QEventLoop::quit);
        nested.exec();
        --depth;
    });
    timer.start(0);
    QTRY_VERIFY(count >= 3);
    timer.stop();
    QCOMPARE(maxDepth, 1);
}

void TestEpollEventDispatcher::postedEventsFromAnotherThreadWakeTheLoop()
{
    // The loop waits with no timers due; a queued call from another thread must wake it.
    int received = 0;
    QObject receiver;
    std::unique_ptr<QThread> poster(QThread::create([&receiver] {
        for (int i = 0; i < 1000; ++i)
            QMetaObject::invokeMethod(
                &receiver, [] {}, Qt::QueuedConnection);
    }));
    connect(poster.get(), &QThread::finished, this, [&] {
        QMetaObject::invokeMethod(
            &receiver, [&received] { ++received; }, Qt::QueuedConnection);
    });
    poster->start();
    QTRY_COMPARE(received, 1);
    poster->wait();
}

void TestEpollEventDispatcher::everyBurstOfPostsWakesTheLoopAgain()
{
    // One write wakes the loop for a whole burst of posts; once it has woken, the next burst
    // must write again. Each round waits in exec() with no timer and no socket, so only the
    // burst's own wake-up can end it (a lost one hangs the test).
    QObject receiver;
    int ran = 0;
    for (int round = 0; round < 20; ++round) {
        QEventLoop loop;
        std::unique_ptr<QThread> poster(QThread::create([&receiver, &ran, &loop, round] {
            // Let the loop get into its wait first, every other round.
            if (round % 2 == 0)
                QThread::msleep(5);
            for (int i = 0; i < 500; ++i)
                QMetaObject::invokeMethod(
                    &receiver, [&ran] { ++ran; }, Qt::QueuedConnection);
            QMetaObject::invokeMethod(
                &receiver, [&loop] { loop.quit(); }, Qt::QueuedConnection);
        }));
        poster->start();
        loop.exec();
        poster->wait();
        QCOMPARE(ran, (round + 1) * 500);
    }
}

void TestEpollEventDispatcher::quitFromAnotherThreadInterruptsTheWait()
{
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<QThread> quitter(QThread::create([&loop] {
        QThread::msleep(50);
        loop.quit();
    }));
    quitter->start();
    // No timer, no socket: only the interrupt can end this exec().
    loop.exec();
    QVERIFY(clock.elapsed() < 5000);
    quitter->wait();
}

void TestEpollEventDispatcher::manySocketsEchoEveryByte()
{
    // 200 connections through a real listening socket on loopback, each echoing 64 KiB:
    // read and write notifiers come and go for every one of them.
    constexpr int kClients = 200;
    QTcpServer server;
    server.setListenBacklogSize(kClients); // Qt's default of 50 would drop connections
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket,
                [socket] { socket->write(socket->readAll()); });
        }
    });
    const QByteArray payload(64 * 1024, 'x');
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    std::vector<QByteArray> echoed(kClients);
    for (int i = 0; i < kClients; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QTcpSocket *raw = socket.get();
        connect(raw, &QTcpSocket::connected, raw, [raw, &payload] { raw->write(payload); });
        connect(raw, &QTcpSocket::readyRead, raw,
            [raw, &echoed, i] { echoed[size_t(i)] += raw->readAll(); });
        raw->connectToHost(QHostAddress::LocalHost, server.serverPort());
        clients.push_back(std::move(socket));
    }
    const auto allEchoed = [&] {
        for (const QByteArray &bytes : echoed) {
            if (bytes.size() < payload.size())
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allEchoed(), 30000);
    for (const QByteArray &bytes : echoed)
        QCOMPARE(bytes, payload);

    // Closing is seen as well.
    QTcpSocket *first = clients.front().get();
    QSignalSpy disconnected(first, &QTcpSocket::disconnected);
    const QList<QTcpSocket *> serverSide = server.findChildren<QTcpSocket *>();
    QCOMPARE(serverSide.size(), kClients);
    for (QTcpSocket *socket : serverSide)
        socket->disconnectFromHost();
    QTRY_COMPARE(disconnected.count(), 1);
}

void TestEpollEventDispatcher::notifierDeletedByAnEarlierHandlerIsNotActivated()
{
    // Two pipes ready at once; whichever handler runs first deletes the other notifier.
    int pipes[2][2];
    QCOMPARE(::pipe(pipes[0]), 0);
    QCOMPARE(::pipe(pipes[1]), 0);
    auto first = std::make_unique<QSocketNotifier>(pipes[0][0], QSocketNotifier::Read);
    auto second = std::make_unique<QSocketNotifier>(pipes[1][0], QSocketNotifier::Read);
    int activations = 0;
    // Each handler drains its own pipe (level-triggered: otherwise it would fire again).
    char byte = 0;
    connect(first.get(), &QSocketNotifier::activated, this, [&] {
        ++activations;
        QCOMPARE(::read(pipes[0][0], &byte, 1), 1);
        second.reset();
    });
    connect(second.get(), &QSocketNotifier::activated, this, [&] {
        ++activations;
        QCOMPARE(::read(pipes[1][0], &byte, 1), 1);
        first.reset();
    });
    QCOMPARE(::write(pipes[0][1], "a", 1), 1);
    QCOMPARE(::write(pipes[1][1], "b", 1), 1);
    QTRY_VERIFY(activations >= 1);
    QTest::qWait(50);
    QCOMPARE(activations, 1);
    first.reset();
    second.reset();
    for (auto &pipe : pipes) {
        ::close(pipe[0]);
        ::close(pipe[1]);
    }
}

void TestEpollEventDispatcher::regularFileCountsAsReady()
{
    // epoll refuses regular files; like poll(), the dispatcher reports them ready.
    QTemporaryFile file;
    QVERIFY(file.open());
    QSocketNotifier notifier(file.handle(), QSocketNotifier::Read);
    QSignalSpy activated(&notifier, &QSocketNotifier::activated);
    QTRY_VERIFY(activated.count() >= 1);
    notifier.setEnabled(false);
    // Disabled, it no longer keeps the loop busy: a timer still fires on time.
    QTimer timer;
    timer.setSingleShot(true);
    QSignalSpy fired(&timer, &QTimer::timeout);
    timer.start(20);
    QTRY_COMPARE(fired.count(), 1);
}

int main(int argc, char *argv[])
{
    if (qEnvironmentVariable("CONFAB_EVENT_DISPATCHER") != QLatin1String("qt"))
        QCoreApplication::setEventDispatcher(EpollEventDispatcher::create());
    QCoreApplication app(argc, argv);
    TestEpollEventDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolleventdispatcher.moc"
