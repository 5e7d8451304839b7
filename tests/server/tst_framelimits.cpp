// The WebSocket frame rate limit: the limiter's arithmetic on a made-up clock, then the real
// defaults (100 frames per second, 4429 above 200 or after 3 seconds over) over real sockets.
#include "server/core/realtime/framelimiter.h"
#include "tests/support/testserver.h"
#include "tests/support/wsprobe.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Confab;
using namespace Confab::Testing;
using Verdict = Server::FrameLimiter::Verdict;

namespace {

QJsonObject unknownFrame()
{
    return {{QStringLiteral("type"), QStringLiteral("NO_SUCH_THING")},
        {QStringLiteral("payload"), QJsonObject()}};
}

/// Takes every ERROR received so far and counts them by code.
QMap<QString, int> takeErrorCodes(WsProbe &probe)
{
    QMap<QString, int> codes;
    for (QJsonObject frame = probe.waitFor(QStringLiteral("ERROR"), 0); !frame.isEmpty();
         frame = probe.waitFor(QStringLiteral("ERROR"), 0))
        ++codes[frame[QStringLiteral("payload")][QStringLiteral("code")].toString()];
    return codes;
}

} // namespace

class TestFrameLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void limiterAcceptsUpToTheRate();
    void limiterWarnsOncePerSecond();
    void limiterClosesAboveTheHardLimit();
    void limiterClosesAfterSecondsInARow();
    void limiterForgivesAQuietSecond();
    void burstIsThrottledAndTheConnectionStays();
    void floodIsClosed();
    void sustainedExcessIsClosed();

private:
    TestServer m_server;
    std::unique_ptr<ApiClient> m_client;
    TestUser m_user;
};

void TestFrameLimits::initTestCase()
{
    // The server with its real defaults.
    QString error;
    QVERIFY2(startWithUsers(m_server, m_client, {{QStringLiteral("chatty"), &m_user}}, &error),
        qPrintable(error));
}

void TestFrameLimits::limiterAcceptsUpToTheRate()
{
    Server::FrameLimiter limiter(100, 200, 3);
    for (int i = 0; i < 100; ++i)
        QCOMPARE(limiter.onFrame(5000 + i), Verdict::Accept);
    QCOMPARE(limiter.onFrame(5100), Verdict::DropAndWarn);
    // The window slides: a second after the first frames, there is room again.
    QCOMPARE(limiter.onFrame(6000), Verdict::Accept);
}

void TestFrameLimits::limiterWarnsOncePerSecond()
{
    Server::FrameLimiter limiter(10, 1000, 100);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(limiter.onFrame(0), Verdict::Accept);
    QCOMPARE(limiter.onFrame(1), Verdict::DropAndWarn);
    for (int i = 0; i < 20; ++i)
        QCOMPARE(limiter.onFrame(2 + i), Verdict::Drop);
    // Still flooding a second later: frames get through again, and the next drop warns again.
    int warnings = 0;
    for (qint64 t = 1000; t < 1100; ++t)
        warnings += limiter.onFrame(t) == Verdict::DropAndWarn ? 1 : 0;
    QCOMPARE(warnings, 1);
}

void TestFrameLimits::limiterClosesAboveTheHardLimit()
{
    Server::FrameLimiter limiter(100, 200, 3);
    for (int i = 0; i < 200; ++i)
        QVERIFY(limiter.onFrame(i) != Verdict::Close);
    QCOMPARE(limiter.onFrame(200), Verdict::Close);
}

void TestFrameLimits::limiterClosesAfterSecondsInARow()
{
    // 150 frames a second: never above the hard limit, but over the rate every second.
    Server::FrameLimiter limiter(100, 200, 3);
    for (qint64 t = 0; t < 4000; t += 1000 / 150 + 1) {
        if (limiter.onFrame(t) == Verdict::Close) {
            QVERIFY2(t >= 2000 && t < 3000, qPrintable(QString::number(t)));
            return;
        }
    }
    QFAIL("a connection over the rate for three seconds was not closed");
}

void TestFrameLimits::limiterForgivesAQuietSecond()
{
    Server::FrameLimiter limiter(100, 200, 3);
    for (qint64 second : {0, 1, 3, 4, 6}) { // never three in a row
        for (int i = 0; i < 150; ++i)
            QVERIFY(limiter.onFrame(second * 1000 + i) != Verdict::Close);
    }
}

void TestFrameLimits::burstIsThrottledAndTheConnectionStays()
{
    WsProbe probe;
    QVERIFY(probe.openReady(m_server.wsUrl(), m_user.accessToken));
    for (int i = 0; i < 150; ++i)
        probe.sendJson(unknownFrame());
    QTest::qWait(500);
    QMap<QString, int> codes = takeErrorCodes(probe);
    QCOMPARE(codes.value(QStringLiteral("unknown_type")), 100); // each handled frame answered
    QCOMPARE(codes.value(QStringLiteral("rate_limited")), 1); // one notice for 50 dropped
    QCOMPARE(codes.size(), 2);
    QVERIFY(!probe.isClosed());

    // A second later the connection is served as before.
    QTest::qWait(1000);
    probe.sendJson(unknownFrame());
    QTest::qWait(200);
    codes = takeErrorCodes(probe);
    QCOMPARE(codes.value(QStringLiteral("unknown_type")), 1);
    QCOMPARE(codes.size(), 1);
    QVERIFY(!probe.isClosed());
}

void TestFrameLimits::floodIsClosed()
{
    WsProbe probe;
    QVERIFY(probe.openReady(m_server.wsUrl(), m_user.accessToken));
    for (int i = 0; i < 300; ++i)
        probe.sendJson(unknownFrame());
    QVERIFY(probe.waitClosed(5000));
    QCOMPARE(probe.closeCode(), quint16(4429));
    QCOMPARE(takeErrorCodes(probe).value(QStringLiteral("unknown_type")), 100);
}

void TestFrameLimits::sustainedExcessIsClosed()
{
    // 15 frames every 100 ms: 150 a second, over the rate but below the hard limit.
    WsProbe probe;
    QVERIFY(probe.openReady(m_server.wsUrl(), m_user.accessToken));
    QElapsedTimer timer;
    timer.start();
    while (!probe.isClosed() && timer.elapsed() < 8000) {
        for (int i = 0; i < 15; ++i)
            probe.sendJson(unknownFrame());
        QTest::qWait(100);
    }
    QVERIFY(probe.isClosed());
    QCOMPARE(probe.closeCode(), quint16(4429));
    QVERIFY2(timer.elapsed() >= 1500 && timer.elapsed() < 5000,
        qPrintable(QString::number(timer.elapsed())));
    QVERIFY(takeErrorCodes(probe).value(QStringLiteral("rate_limited")) >= 2);
}

QTEST_GUILESS_MAIN(TestFrameLimits)
#include "tst_framelimits.moc"
