// Access tokens checked once are remembered (VerifiedTokenCache): a remembered token still
// expires, vouches for no other token, and the memory it takes is bounded.
#include "server/core/auth/tokenservice.h"
#include "server/core/auth/verifiedtokencache.h"

#include <QTest>

using namespace Confab;
using namespace Confab::Server;

namespace {

const QByteArray kSecret = QByteArrayLiteral("a-secret-of-sufficient-length-for-hs256-0000");

QDateTime t0()
{
    return QDateTime::fromSecsSinceEpoch(1795000000, Qt::UTC);
}

} // namespace

class TestTokenService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aTokenShownAgainNamesTheSameUser();
    void aRememberedTokenStillExpires();
    void aRememberedSignatureVouchesForNoOtherPayload();
    void theCacheDropsExpiredEntriesFirstWhenFull();
    void theCacheStartsAfreshWhenNothingHasExpired();
};

void TestTokenService::aTokenShownAgainNamesTheSameUser()
{
    const TokenService service(kSecret);
    const QByteArray token = service.issue(42, t0()).toLatin1();
    for (int i = 0; i < 3; ++i) {
        const Result<qint64> user = service.verify(token, t0().addSecs(i));
        QVERIFY(user);
        QCOMPARE(*user, 42);
    }
}

void TestTokenService::aRememberedTokenStillExpires()
{
    const TokenService service(kSecret, std::chrono::seconds(60));
    const QByteArray token = service.issue(7, t0()).toLatin1();
    QVERIFY(service.verify(token, t0()));
    QVERIFY(service.verify(token, t0().addSecs(59)));
    const Result<qint64> late = service.verify(token, t0().addSecs(60));
    QVERIFY(!late);
    QCOMPARE(late.error().httpStatus, 401);
    QCOMPARE(late.error().message, QStringLiteral("The access token has expired."));
}

void TestTokenService::aRememberedSignatureVouchesForNoOtherPayload()
{
    const TokenService service(kSecret);
    const QList<QByteArray> mine = service.issue(1, t0()).toLatin1().split('.');
    const QList<QByteArray> theirs = service.issue(2, t0()).toLatin1().split('.');
    QVERIFY(service.verify(mine.join('.'), t0()));
    // My signature on their payload, and their signature on mine.
    const QList<QByteArray> forgeries {QByteArray(mine[0] + '.' + theirs[1] + '.' + mine[2]),
        QByteArray(mine[0] + '.' + mine[1] + '.' + theirs[2])};
    for (const QByteArray &forged : forgeries) {
        const Result<qint64> user = service.verify(forged, t0());
        QVERIFY2(!user, forged.constData());
        QCOMPARE(user.error().httpStatus, 401);
    }
    // Another key's service remembers nothing of this one's tokens.
    const TokenService other(QByteArrayLiteral("another-secret-of-sufficient-length-00000"));
    QVERIFY(!other.verify(mine.join('.'), t0()));
}

void TestTokenService::theCacheDropsExpiredEntriesFirstWhenFull()
{
    VerifiedTokenCache cache(2);
    cache.insert("a", 1, 100, 50);
    cache.insert("b", 2, 200, 50);
    QCOMPARE(cache.find("a", 99), std::optional<qint64>(1));
    QCOMPARE(cache.find("a", 100), std::nullopt);
    cache.insert("c", 3, 300, 150); // "a" has expired by now and makes room
    QCOMPARE(cache.size(), 2);
    QCOMPARE(cache.find("b", 150), std::optional<qint64>(2));
    QCOMPARE(cache.find("c", 150), std::optional<qint64>(3));
}

void TestTokenService::theCacheStartsAfreshWhenNothingHasExpired()
{
    VerifiedTokenCache cache(2);
    cache.insert("a", 1, 100, 0);
    cache.insert("b", 2, 100, 0);
    cache.insert("a", 1, 100, 0); // already kept: nothing to make room for
    QCOMPARE(cache.size(), 2);
    cache.insert("c", 3, 100, 0);
    QCOMPARE(cache.size(), 1);
    QCOMPARE(cache.find("c", 0), std::optional<qint64>(3));
    QCOMPARE(cache.find("a", 0), std::nullopt);
}

QTEST_GUILESS_MAIN(TestTokenService)
#include "tst_tokenservice.moc"
