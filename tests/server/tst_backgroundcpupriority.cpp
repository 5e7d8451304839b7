// Argon2id jobs run below the event loop's CPU priority, on their own threads only.
#include "server/core/auth/backgroundcpupriority.h"
#include "server/core/auth/passwordhasher.h"

#include <QCoroTask>
#include <QTest>
#include <QThread>

#if defined(Q_OS_LINUX)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

using namespace Confab;
using namespace Confab::Server;

namespace {
#if defined(Q_OS_LINUX)
int currentThreadNice()
{
    errno = 0;
    return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)));
}
#endif

QCoro::Task<> hashInto(PasswordHasher *hasher, int *niceAfter, bool *hashed)
{
    Result<QString> hash = co_await hasher->hash(QStringLiteral("correct horse"));
    *hashed = bool(hash);
    *niceAfter = 0;
#if defined(Q_OS_LINUX)
    *niceAfter = currentThreadNice(); // back on the test's own thread
#endif
}
} // namespace

class TestBackgroundCpuPriority : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lowersOnlyTheCallingThread();
    void hashingLeavesTheCallerAlone();
};

void TestBackgroundCpuPriority::lowersOnlyTheCallingThread()
{
#if !defined(Q_OS_LINUX)
    QSKIP("Thread nice values are a Linux feature.");
#else
    const int before = currentThreadNice();
    int inside = before;
    int insideAgain = before;
    QThread *worker = QThread::create([&] {
        lowerCurrentThreadCpuPriority();
        inside = currentThreadNice();
        lowerCurrentThreadCpuPriority(); // once per thread: not lowered further
        insideAgain = currentThreadNice();
    });
    worker->start();
    QVERIFY(worker->wait(10000));
    delete worker;
    QCOMPARE(inside, qMin(before + 10, 19));
    QCOMPARE(insideAgain, inside);
    QCOMPARE(currentThreadNice(), before);
#endif
}

void TestBackgroundCpuPriority::hashingLeavesTheCallerAlone()
{
    QVERIFY(PasswordHasher::initialize());
    PasswordHasher hasher(1);
    int niceAfter = -100;
    bool hashed = false;
    QCoro::waitFor(hashInto(&hasher, &niceAfter, &hashed));
    QVERIFY(hashed);
#if defined(Q_OS_LINUX)
    QCOMPARE(niceAfter, currentThreadNice());
#endif
}

QTEST_GUILESS_MAIN(TestBackgroundCpuPriority)
#include "tst_backgroundcpupriority.moc"
