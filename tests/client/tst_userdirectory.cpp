// UserDirectory and AvatarCache against a real server: users fetched on demand and replaced
// by USER_UPDATED; pictures downloaded once per version and decoded.
#include "app/core/apiclient.h"
#include "app/core/avatarcache.h"
#include "app/core/conversationstore.h"
#include "app/core/memorysecretstore.h"
#include "app/core/presencestore.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"
#include "app/core/userdirectory.h"
#include "tests/client/clienttesthelpers.h"
#include "tests/support/testserver.h"
#include "tests/support/wsprobe.h"

#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Confab;
using namespace Confab::Client;
using namespace Confab::Testing;

namespace {
QByteArray pngOf(QColor color, int size)
{
    QImage image(size, size, QImage::Format_RGB32);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}
/// The server re-encodes opaque pictures as JPEG: colours come back nearly, not exactly.
bool near(QRgb pixel, QColor expected)
{
    return std::abs(qRed(pixel) - expected.red()) < 8
        && std::abs(qGreen(pixel) - expected.green()) < 8
        && std::abs(qBlue(pixel) - expected.blue()) < 8;
}
} // namespace

class TestUserDirectory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fetchesOnDemandAndFollowsUserUpdated();
    void downloadsEachPictureOnce();
    void followsThePresenceStore();
    void cleanupTestCase();

private:
    TestServer m_server;
    std::unique_ptr<Testing::ApiClient> m_http;
    TestUser m_alice, m_bob, m_carol;
    MemorySecretStore m_secrets;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<RealtimeClient> m_realtime;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<UserDirectory> m_users;
};

void TestUserDirectory::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_http = std::make_unique<Testing::ApiClient>(m_server.httpUrl());
    m_alice = registerUser(*m_http, QStringLiteral("alice"));
    m_bob = registerUser(*m_http, QStringLiteral("bob"));
    m_carol = registerUser(*m_http, QStringLiteral("carol"));
    QVERIFY(m_alice.id && m_bob.id && m_carol.id);
    // Alice and bob share a conversation; carol is a stranger to alice.
    const Testing::ApiReply direct = m_http->post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"), QJsonArray {m_bob.id}}}, m_alice.accessToken);
    QCOMPARE(direct.status, 201);

    m_session = std::make_unique<Session>(m_server.httpUrl(), &m_secrets);
    QVERIFY(await(m_session->signIn(QStringLiteral("alice"), QStringLiteral("correct horse"))));
    m_realtime = std::make_unique<RealtimeClient>(m_session.get());
    m_store = std::make_unique<ConversationStore>(m_session.get(), m_realtime.get());
    m_users = std::make_unique<UserDirectory>(m_session.get(), m_realtime.get(), m_store.get());
    QSignalSpy ready(m_realtime.get(), &RealtimeClient::ready);
    m_realtime->start();
    QVERIFY(ready.wait());
    QTRY_VERIFY(m_store->isLoaded());
}

void TestUserDirectory::cleanupTestCase()
{
    m_users.reset();
    m_store.reset();
    m_realtime.reset();
    m_session.reset();
}

void TestUserDirectory::fetchesOnDemandAndFollowsUserUpdated()
{
    // Bob came with the conversation; carol is fetched when asked for.
    QVERIFY(m_users->cached(m_bob.id));
    QCOMPARE(m_users->cached(m_bob.id)->username, QStringLiteral("bob"));
    QVERIFY(!m_users->user(m_carol.id));
    QTRY_VERIFY(m_users->cached(m_carol.id));
    QCOMPARE(m_users->cached(m_carol.id)->username, QStringLiteral("carol"));

    // An unknown id fails in the open.
    QSignalSpy failed(m_users.get(), &UserDirectory::fetchFailed);
    QVERIFY(!m_users->user(999999));
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(1).value<Error>().code, QStringLiteral("user_not_found"));

    // Bob edits his profile: USER_UPDATED replaces him here.
    QSignalSpy changed(m_users.get(), &UserDirectory::userChanged);
    const Testing::ApiReply reply =
        m_http->send(QByteArrayLiteral("PATCH"), QStringLiteral("/api/users/me"),
            R"({"displayName":"Bobby","bio":"Bass player"})", m_bob.accessToken);
    QCOMPARE(reply.status, 200);
    QTRY_COMPARE(m_users->cached(m_bob.id)->displayName, QStringLiteral("Bobby"));
    QCOMPARE(m_users->cached(m_bob.id)->bio, QStringLiteral("Bass player"));
    QVERIFY(changed.count() >= 1);
}

void TestUserDirectory::followsThePresenceStore()
{
    PresenceStore presence(m_realtime.get());
    m_users->setPresenceStore(&presence);
    QVERIFY(!m_users->isOnline(m_bob.id));

    // Bob connects: the PRESENCE event reaches the directory, which reports him changed.
    QSignalSpy changed(m_users.get(), &UserDirectory::userChanged);
    auto bob = std::make_unique<WsProbe>();
    QVERIFY(bob->openReady(m_server.wsUrl(), m_bob.accessToken));
    QTRY_VERIFY(m_users->isOnline(m_bob.id));
    QVERIFY(changed.contains(QVariantList {m_bob.id}));

    // And leaves: offline, last seen now.
    changed.clear();
    bob.reset();
    QTRY_VERIFY(!m_users->isOnline(m_bob.id));
    QVERIFY(m_users->lastSeenAt(m_bob.id).isValid());
    QVERIFY(qAbs(m_users->lastSeenAt(m_bob.id).secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QVERIFY(changed.contains(QVariantList {m_bob.id}));
    m_users->setPresenceStore(nullptr);
}

void TestUserDirectory::downloadsEachPictureOnce()
{
    AvatarCache avatars(m_session.get());
    QSignalSpy arrived(&avatars, &AvatarCache::avatarChanged);

    // No picture: nothing to download.
    QVERIFY(avatars.avatar(m_bob.id, {}).isNull());
    QVERIFY(!avatars.isLoading(m_bob.id));

    const Testing::ApiReply uploaded = m_http->send(QByteArrayLiteral("PUT"),
        QStringLiteral("/api/users/me/avatar"), pngOf(Qt::red, 64), m_bob.accessToken,
        {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("image/png")}});
    QCOMPARE(uploaded.status, 200);
    QTRY_VERIFY(!m_users->cached(m_bob.id)->profilePictureUrl.isEmpty());
    const QString url = m_users->cached(m_bob.id)->profilePictureUrl;

    QVERIFY(avatars.avatar(m_bob.id, url).isNull()); // not yet: it downloads
    QVERIFY(avatars.isLoading(m_bob.id));
    QTRY_COMPARE(arrived.count(), 1);
    const QImage image = avatars.avatar(m_bob.id, url);
    QCOMPARE(image.size(), QSize(64, 64));
    QVERIFY(near(image.pixel(10, 10), Qt::red));
    QVERIFY(!avatars.isLoading(m_bob.id)); // asked again: served from the cache

    // A new picture is a new URL, downloaded again.
    const Testing::ApiReply again = m_http->send(QByteArrayLiteral("PUT"),
        QStringLiteral("/api/users/me/avatar"), pngOf(Qt::blue, 32), m_bob.accessToken,
        {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("image/png")}});
    QCOMPARE(again.status, 200);
    QTRY_VERIFY(m_users->cached(m_bob.id)->profilePictureUrl != url);
    const QString newUrl = m_users->cached(m_bob.id)->profilePictureUrl;
    QVERIFY(avatars.avatar(m_bob.id, newUrl).isNull());
    QTRY_COMPARE(arrived.count(), 2);
    QVERIFY(near(avatars.avatar(m_bob.id, newUrl).pixel(5, 5), Qt::blue));

    // Her own upload through the client core's route.
    const Result<User> mine =
        await(m_session->api().uploadAvatar(pngOf(Qt::green, 16), QByteArrayLiteral("image/png")));
    QVERIFY2(mine, qPrintable(mine ? QString() : mine.error().message));
    QVERIFY(mine->profilePictureUrl.startsWith(QStringLiteral("/api/users/")));
}

QTEST_GUILESS_MAIN(TestUserDirectory)
#include "tst_userdirectory.moc"
