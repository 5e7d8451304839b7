// Profiles over real HTTP and WebSockets: editing name, bio and picture URL, uploading,
// serving and removing avatars (decoded, shrunk, bombs refused), and changing the password.
#include "tests/support/testserver.h"
#include "tests/support/wsprobe.h"

#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

using namespace Confab::Testing;

namespace {

const QString kUserUpdated = QStringLiteral("USER_UPDATED");

QByteArray encode(const QImage &image, const char *format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, format))
        qWarning() << "could not encode a test image as" << format;
    return bytes;
}

/// A gradient, with a translucent half when `alpha`, so that encoders have something to keep.
QImage gradient(int width, int height, bool alpha)
{
    QImage image(width, height, alpha ? QImage::Format_ARGB32 : QImage::Format_RGB32);
    for (int y = 0; y < height; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < width; ++x)
            line[x] =
                qRgba(x * 255 / width, y * 255 / height, 128, alpha && x > width / 2 ? 100 : 255);
    }
    return image;
}

QJsonObject userOf(const QJsonObject &event)
{
    return event.value(QStringLiteral("payload"))
        .toObject()
        .value(QStringLiteral("user"))
        .toObject();
}

using Headers = QList<QPair<QByteArray, QByteArray>>;

} // namespace

class TestProfiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void updateChangesTheProfileAndTellsContacts();
    void updateKeepsWhatIsLeftOut();
    void updateAcceptsLimits();
    void updateRejects_data();
    void updateRejects();
    void emptyUpdateChangesNothingAndTellsNoOne();
    void avatarUploadIsDecodedShrunkAndServed_data();
    void avatarUploadIsDecodedShrunkAndServed();
    void largeAvatarUnderTheRouteLimitIsAccepted();
    void avatarRejects_data();
    void avatarRejects();
    void oversizedAvatarIsRefusedByTheGuard();
    void otherRoutesKeepTheDefaultBodyLimit();
    void avatarNeedsATokenAndMayBeMissing();
    void pictureUrlReplacesTheUploadedAvatar();
    void deletingTheAvatarClearsIt();
    void passwordChange();
    void passwordChangeRejects_data();
    void passwordChangeRejects();
    void passwordGuessingIsThrottled();

private:
    ApiReply patchMe(const TestUser &user, const QJsonObject &body)
    {
        return m_client->send(QByteArrayLiteral("PATCH"), QStringLiteral("/api/users/me"),
            QJsonDocument(body).toJson(QJsonDocument::Compact), user.accessToken);
    }
    ApiReply putAvatar(const TestUser &user, const QByteArray &body, const QByteArray &type)
    {
        return m_client->send(QByteArrayLiteral("PUT"), QStringLiteral("/api/users/me/avatar"),
            body, user.accessToken, Headers {{QByteArrayLiteral("Content-Type"), type}});
    }
    /// Waits for Alice's USER_UPDATED on both her devices and on Bob's (her contact), checks
    /// that Carol (no shared conversation) hears nothing, and returns the user from the event.
    QJsonObject expectAliceUpdated();
    /// Sends raw bytes and reads the answer's status line and body: QNetworkAccessManager
    /// cannot be relied on to report a reply that comes before the upload has finished.
    QByteArray rawExchange(const QByteArray &head, qint64 bodySize);

    TestServer m_server;
    std::unique_ptr<ApiClient> m_client;
    TestUser m_alice, m_bob, m_carol;
    WsProbe m_aliceLaptop, m_alicePhone, m_bobWs, m_carolWs;
};

void TestProfiles::initTestCase()
{
    // Carol shares nothing with the others.
    QString error;
    QVERIFY2(startWithUsers(m_server, m_client,
                 {{QStringLiteral("alice"), &m_alice}, {QStringLiteral("bob"), &m_bob},
                     {QStringLiteral("carol"), &m_carol}},
                 &error),
        qPrintable(error));
    const ApiReply direct = m_client->post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"), QJsonArray {m_bob.id}}}, m_alice.accessToken);
    QCOMPARE(direct.status, 201);
    QVERIFY(m_aliceLaptop.openReady(m_server.wsUrl(), m_alice.accessToken));
    QVERIFY(m_alicePhone.openReady(m_server.wsUrl(), m_alice.accessToken));
    QVERIFY(m_bobWs.openReady(m_server.wsUrl(), m_bob.accessToken));
    QVERIFY(m_carolWs.openReady(m_server.wsUrl(), m_carol.accessToken));
}

QJsonObject TestProfiles::expectAliceUpdated()
{
    QJsonObject first;
    for (WsProbe *probe : {&m_aliceLaptop, &m_alicePhone, &m_bobWs}) {
        const QJsonObject user = userOf(probe->waitFor(kUserUpdated));
        if (user.value(QStringLiteral("id")).toInteger() != m_alice.id) {
            qWarning() << "no USER_UPDATED for Alice:" << user;
            return {};
        }
        if (first.isEmpty())
            first = user;
        else if (user != first)
            return {};
    }
    if (!m_carolWs.staysSilent(kUserUpdated, 200))
        return {};
    return first;
}

QByteArray TestProfiles::rawExchange(const QByteArray &head, qint64 bodySize)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server.server().port());
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(head);
    socket.write(QByteArray(bodySize, 'x'));
    QByteArray received;
    [[maybe_unused]] const bool answered = QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState || received.contains("\"}}");
        },
        15000);
    return received;
}

void TestProfiles::updateChangesTheProfileAndTellsContacts()
{
    const QString url = QStringLiteral("https://pics.example.org/alice.png?size=large");
    const ApiReply reply = patchMe(m_alice,
        {{QStringLiteral("displayName"), QStringLiteral("  Alice Martin ")},
            {QStringLiteral("bio"), QStringLiteral(" Plays the oboe.\n")},
            {QStringLiteral("profilePictureUrl"), url}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("id")).toInteger(), m_alice.id);
    QCOMPARE(reply.json.value(QStringLiteral("username")).toString(), QStringLiteral("alice"));
    QCOMPARE(
        reply.json.value(QStringLiteral("displayName")).toString(), QStringLiteral("Alice Martin"));
    QCOMPARE(reply.json.value(QStringLiteral("bio")).toString(), QStringLiteral("Plays the oboe."));
    QCOMPARE(reply.json.value(QStringLiteral("profilePictureUrl")).toString(), url);
    QCOMPARE(reply.json.value(QStringLiteral("online")).toBool(), true);

    const QJsonObject event = expectAliceUpdated();
    QCOMPARE(event, reply.json);

    // Stored, not just echoed: everyone sees the new profile.
    const ApiReply me = m_client->get(QStringLiteral("/api/users/me"), m_alice.accessToken);
    QCOMPARE(me.json.value(QStringLiteral("isAdmin")), QJsonValue(true)); // the first account
    QJsonObject mine = me.json;
    mine.remove(QStringLiteral("isAdmin")); // only on your own /api/users/me
    QCOMPARE(mine, reply.json);
    const ApiReply seen =
        m_client->get(QStringLiteral("/api/users/%1").arg(m_alice.id), m_carol.accessToken);
    QCOMPARE(seen.json.value(QStringLiteral("bio")).toString(), QStringLiteral("Plays the oboe."));
}

void TestProfiles::updateKeepsWhatIsLeftOut()
{
    const ApiReply before = m_client->get(QStringLiteral("/api/users/me"), m_alice.accessToken);
    // Unknown fields are ignored; null counts as left out.
    const ApiReply reply = patchMe(m_alice,
        {{QStringLiteral("bio"), QStringLiteral("Plays the bassoon.")},
            {QStringLiteral("displayName"), QJsonValue::Null},
            {QStringLiteral("username"), QStringLiteral("mallory")},
            {QStringLiteral("favouriteColour"), QStringLiteral("teal")}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(
        reply.json.value(QStringLiteral("bio")).toString(), QStringLiteral("Plays the bassoon."));
    QCOMPARE(reply.json.value(QStringLiteral("username")).toString(), QStringLiteral("alice"));
    QCOMPARE(reply.json.value(QStringLiteral("displayName")),
        before.json.value(QStringLiteral("displayName")));
    QCOMPARE(reply.json.value(QStringLiteral("profilePictureUrl")),
        before.json.value(QStringLiteral("profilePictureUrl")));
    QCOMPARE(expectAliceUpdated(), reply.json);

    // An empty URL clears the picture.
    const ApiReply cleared = patchMe(m_alice, {{QStringLiteral("profilePictureUrl"), QString()}});
    QCOMPARE(cleared.status, 200);
    QCOMPARE(cleared.json.value(QStringLiteral("profilePictureUrl")).toString(), QString());
    QCOMPARE(expectAliceUpdated(), cleared.json);
}

void TestProfiles::updateAcceptsLimits()
{
    // Limits count code points: 64 emoji are 128 UTF-16 units, 500 of them 1000.
    const QString emoji = QStringLiteral("\U0001F3B7");
    const QString name = emoji.repeated(64);
    const QString bio = emoji.repeated(500);
    const QString url =
        QStringLiteral("http://example.org/") + QString(2048 - 19, QLatin1Char('a'));
    QCOMPARE(url.size(), 2048);
    const ApiReply reply = patchMe(m_alice,
        {{QStringLiteral("displayName"), name}, {QStringLiteral("bio"), bio},
            {QStringLiteral("profilePictureUrl"), url}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("displayName")).toString(), name);
    QCOMPARE(reply.json.value(QStringLiteral("bio")).toString(), bio);
    QCOMPARE(reply.json.value(QStringLiteral("profilePictureUrl")).toString(), url);
    QCOMPARE(expectAliceUpdated(), reply.json);

    const ApiReply reset = patchMe(m_alice,
        {{QStringLiteral("displayName"), QStringLiteral("Alice")},
            {QStringLiteral("bio"), QString()}, {QStringLiteral("profilePictureUrl"), QString()}});
    QCOMPARE(reset.status, 200);
    QCOMPARE(reset.json.value(QStringLiteral("bio")).toString(), QString());
    QCOMPARE(expectAliceUpdated(), reset.json);
}

void TestProfiles::updateRejects_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("code");
    const auto field = [](const char *name, const QJsonValue &value) {
        return QJsonObject {{QString::fromLatin1(name), value}};
    };
    QTest::newRow("blank name") << field("displayName", QStringLiteral(" \t "))
                                << QStringLiteral("invalid_display_name");
    QTest::newRow("empty name") << field("displayName", QString())
                                << QStringLiteral("invalid_display_name");
    QTest::newRow("name of 65") << field("displayName", QString(65, QLatin1Char('n')))
                                << QStringLiteral("invalid_display_name");
    QTest::newRow("bio of 501") << field("bio", QStringLiteral("\U0001F3B7").repeated(501))
                                << QStringLiteral("invalid_bio");
    QTest::newRow("relative url") << field("profilePictureUrl", QStringLiteral("/me.png"))
                                  << QStringLiteral("invalid_url");
    QTest::newRow("ftp url") << field(
        "profilePictureUrl", QStringLiteral("ftp://example.org/a.png"))
                             << QStringLiteral("invalid_url");
    QTest::newRow("javascript url")
        << field("profilePictureUrl", QStringLiteral("javascript:alert(1)"))
        << QStringLiteral("invalid_url");
    QTest::newRow("no host") << field("profilePictureUrl", QStringLiteral("https:///a.png"))
                             << QStringLiteral("invalid_url");
    QTest::newRow("not a url") << field("profilePictureUrl", QStringLiteral("just words"))
                               << QStringLiteral("invalid_url");
    QTest::newRow("url of 2049") << field("profilePictureUrl",
        QString(QStringLiteral("http://example.org/") + QString(2049 - 19, QLatin1Char('a'))))
                                 << QStringLiteral("invalid_url");
    QTest::newRow("name not a string")
        << field("displayName", 7) << QStringLiteral("invalid_field");
    QTest::newRow("bio not a string") << field("bio", true) << QStringLiteral("invalid_field");
    // One bad field spoils the whole request: nothing of it is stored.
    QJsonObject mixed = field("bio", QStringLiteral("should not be stored"));
    mixed.insert(QStringLiteral("profilePictureUrl"), QStringLiteral("gopher://x"));
    QTest::newRow("good bio, bad url") << mixed << QStringLiteral("invalid_url");
}

void TestProfiles::updateRejects()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, code);
    const ApiReply before = m_client->get(QStringLiteral("/api/users/me"), m_alice.accessToken);
    const ApiReply reply = patchMe(m_alice, body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), code);
    QCOMPARE(m_client->get(QStringLiteral("/api/users/me"), m_alice.accessToken).json, before.json);
    QVERIFY(m_bobWs.staysSilent(kUserUpdated, 100));
}

void TestProfiles::emptyUpdateChangesNothingAndTellsNoOne()
{
    const ApiReply before = m_client->get(QStringLiteral("/api/users/me"), m_alice.accessToken);
    const ApiReply reply = patchMe(m_alice, {});
    QCOMPARE(reply.status, 200);
    QJsonObject unchanged = before.json;
    unchanged.remove(QStringLiteral("isAdmin")); // only on your own /api/users/me
    QCOMPARE(reply.json, unchanged);
    // Setting what is already there is no change either.
    const ApiReply same = patchMe(m_alice,
        {{QStringLiteral("displayName"), before.json.value(QStringLiteral("displayName"))}});
    QCOMPARE(same.status, 200);
    QVERIFY(m_bobWs.staysSilent(kUserUpdated, 300));
    QVERIFY(m_aliceLaptop.staysSilent(kUserUpdated, 0));
    // Not JSON is still a 400.
    const ApiReply broken = m_client->send(
        QByteArrayLiteral("PATCH"), QStringLiteral("/api/users/me"), "{", m_alice.accessToken);
    QCOMPARE(broken.status, 400);
    QCOMPARE(broken.errorCode(), QStringLiteral("invalid_json"));
}

void TestProfiles::avatarUploadIsDecodedShrunkAndServed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("storedType");
    QTest::addColumn<QSize>("storedSize");
    // Wide and tall pictures both keep their aspect ratio; small ones are not enlarged.
    QTest::newRow("png with alpha")
        << encode(gradient(800, 600, true), "png") << QByteArray("image/png")
        << QByteArray("image/png") << QSize(512, 384);
    QTest::newRow("jpeg") << encode(gradient(600, 1200, false), "jpeg") << QByteArray("image/jpeg")
                          << QByteArray("image/jpeg") << QSize(256, 512);
    QTest::newRow("webp") << encode(gradient(1024, 1024, false), "webp") << QByteArray("image/webp")
                          << QByteArray("image/jpeg") << QSize(512, 512);
    QTest::newRow("small png, type with parameter")
        << encode(gradient(40, 30, false), "png") << QByteArray("Image/PNG; q=1")
        << QByteArray("image/jpeg") << QSize(40, 30);
}

void TestProfiles::avatarUploadIsDecodedShrunkAndServed()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, storedType);
    QFETCH(QSize, storedSize);
    QVERIFY(!body.isEmpty());

    const ApiReply reply = putAvatar(m_alice, body, contentType);
    QCOMPARE(reply.status, 200);
    const QString url = reply.json.value(QStringLiteral("profilePictureUrl")).toString();
    static const QRegularExpression shape(
        QStringLiteral("^/api/users/(\\d+)/avatar\\?v=[0-9a-f]{16}$"));
    const QRegularExpressionMatch match = shape.match(url);
    QVERIFY2(match.hasMatch(), qPrintable(url));
    QCOMPARE(match.captured(1).toLongLong(), m_alice.id);
    QCOMPARE(expectAliceUpdated(), reply.json);

    // Served to any signed-in user, re-encoded and shrunk.
    const ApiReply served = m_client->get(url, m_carol.accessToken);
    QCOMPARE(served.status, 200);
    QCOMPARE(served.header("Content-Type"), storedType);
    QCOMPARE(served.header("Content-Length").toLongLong(), served.body.size());
    QImage stored;
    QVERIFY(stored.loadFromData(served.body));
    QCOMPARE(stored.size(), storedSize);
    QCOMPARE(stored.hasAlphaChannel(), storedType == "image/png");
    const QByteArray etag = served.header("ETag");
    QVERIFY2(etag.size() == 66 && etag.startsWith('"'), etag.constData());
    QVERIFY(!served.header("Last-Modified").isEmpty());
    QCOMPARE(served.header("Cache-Control"), QByteArray("private, max-age=31536000, immutable"));
    // Without the version, the answer must be revalidated; with the ETag, nothing is resent.
    const ApiReply unversioned =
        m_client->get(QStringLiteral("/api/users/%1/avatar").arg(m_alice.id), m_bob.accessToken);
    QCOMPARE(unversioned.status, 200);
    QCOMPARE(unversioned.body, served.body);
    QCOMPARE(unversioned.header("Cache-Control"), QByteArray("private, no-cache"));
    const ApiReply cached = m_client->send(QByteArrayLiteral("GET"), url, {}, m_bob.accessToken,
        Headers {{QByteArrayLiteral("If-None-Match"), "\"0000\", " + etag}});
    QCOMPARE(cached.status, 304);
    QVERIFY(cached.body.isEmpty());
    QCOMPARE(cached.header("ETag"), etag);
    const ApiReply stale = m_client->send(QByteArrayLiteral("GET"), url, {}, m_bob.accessToken,
        Headers {{QByteArrayLiteral("If-None-Match"), QByteArrayLiteral("\"0000\"")}});
    QCOMPARE(stale.status, 200);

    // The same picture again changes nothing and tells no one.
    const ApiReply again = putAvatar(m_alice, body, contentType);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(QStringLiteral("profilePictureUrl")).toString(), url);
    QVERIFY(m_bobWs.staysSilent(kUserUpdated, 200));
}

void TestProfiles::largeAvatarUnderTheRouteLimitIsAccepted()
{
    // Noise does not compress: this PNG is well over the 64 KiB every other route allows.
    QImage noise(700, 700, QImage::Format_RGB32);
    QRandomGenerator random(42);
    for (int y = 0; y < noise.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(noise.scanLine(y));
        for (int x = 0; x < noise.width(); ++x)
            line[x] = random.generate() | 0xff000000u;
    }
    const QByteArray png = encode(noise, "png");
    QVERIFY2(png.size() > 1024 * 1024 && png.size() < 2 * 1024 * 1024,
        qPrintable(QString::number(png.size())));
    const ApiReply reply = putAvatar(m_alice, png, "image/png");
    QCOMPARE(reply.status, 200);
    expectAliceUpdated();
    const ApiReply served = m_client->get(
        reply.json.value(QStringLiteral("profilePictureUrl")).toString(), m_alice.accessToken);
    QCOMPARE(served.status, 200);
    QImage stored;
    QVERIFY(stored.loadFromData(served.body));
    QCOMPARE(stored.size(), QSize(512, 512));
}

void TestProfiles::avatarRejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const QByteArray png = encode(gradient(300, 200, false), "png");
    QTest::newRow("text") << QByteArray("hello") << QByteArray("text/plain") << 415
                          << QStringLiteral("unsupported_media_type");
    QTest::newRow("png sent as json")
        << png << QByteArray("application/json") << 415 << QStringLiteral("unsupported_media_type");
    QTest::newRow("gif") << QByteArray("GIF89a") << QByteArray("image/gif") << 415
                         << QStringLiteral("unsupported_media_type");
    QTest::newRow("empty") << QByteArray() << QByteArray("image/png") << 400
                           << QStringLiteral("invalid_image");
    QTest::newRow("garbage") << QByteArray(5000, 'g') << QByteArray("image/png") << 400
                             << QStringLiteral("invalid_image");
    QTest::newRow("garbage webp") << QByteArray(5000, 'g') << QByteArray("image/webp") << 400
                                  << QStringLiteral("invalid_image");
    QTest::newRow("truncated png") << png.left(png.size() / 2) << QByteArray("image/png") << 400
                                   << QStringLiteral("invalid_image");
    QTest::newRow("png header only")
        << png.left(40) << QByteArray("image/png") << 400 << QStringLiteral("invalid_image");
    QTest::newRow("png claiming to be jpeg")
        << png << QByteArray("image/jpeg") << 400 << QStringLiteral("invalid_image");
    // A decompression bomb: a few KiB of PNG that would decode to 20000x20000 pixels. Qt's own
    // allocation limit would let this 1-bit picture through; the server's size check must not.
    QImage bomb(20000, 20000, QImage::Format_Mono);
    bomb.fill(0);
    const QByteArray bombPng = encode(bomb, "png");
    bomb = QImage();
    QVERIFY2(bombPng.size() < 2 * 1024 * 1024, qPrintable(QString::number(bombPng.size())));
    QTest::newRow("png bomb") << bombPng << QByteArray("image/png") << 400
                              << QStringLiteral("invalid_image");
    // Within every side limit and Qt's allocation limit, but over the pixel count.
    QTest::newRow("too many pixels")
        << encode(QImage(4500, 4500, QImage::Format_Mono), "png") << QByteArray("image/png") << 400
        << QStringLiteral("invalid_image");
    // Just over the per-side limit, though small in pixels.
    QTest::newRow("too wide") << encode(QImage(8193, 1, QImage::Format_Mono), "png")
                              << QByteArray("image/png") << 400 << QStringLiteral("invalid_image");
}

void TestProfiles::avatarRejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, code);
    const ApiReply before = m_client->get(QStringLiteral("/api/users/me"), m_alice.accessToken);
    const ApiReply reply = putAvatar(m_alice, body, contentType);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    QCOMPARE(m_client->get(QStringLiteral("/api/users/me"), m_alice.accessToken).json, before.json);
    QVERIFY(m_bobWs.staysSilent(kUserUpdated, 100));
}

void TestProfiles::oversizedAvatarIsRefusedByTheGuard()
{
    const QByteArray reply =
        rawExchange("PUT /api/users/me/avatar HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + m_alice.accessToken.toUtf8()
                + "\r\nContent-Type: image/png\r\nContent-Length: 3145728\r\n\r\n",
            3 * 1024 * 1024);
    QVERIFY2(reply.startsWith("HTTP/1.1 413"), reply.left(200).constData());
    QVERIFY(reply.contains("\"payload_too_large\""));
}

void TestProfiles::otherRoutesKeepTheDefaultBodyLimit()
{
    // 100 KiB would fit under the avatar limit, but not under any other route's 64 KiB.
    const QByteArray reply =
        rawExchange("PATCH /api/users/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + m_alice.accessToken.toUtf8()
                + "\r\nContent-Type: application/json\r\nContent-Length: 102400\r\n\r\n",
            100 * 1024);
    QVERIFY2(reply.startsWith("HTTP/1.1 413"), reply.left(200).constData());
    QVERIFY(reply.contains("\"payload_too_large\""));
}

void TestProfiles::avatarNeedsATokenAndMayBeMissing()
{
    const ApiReply anonymous =
        m_client->get(QStringLiteral("/api/users/%1/avatar").arg(m_alice.id));
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(anonymous.errorCode(), QStringLiteral("unauthorized"));
    const ApiReply anonymousUpload =
        putAvatar(TestUser {}, encode(gradient(8, 8, false), "png"), "image/png");
    QCOMPARE(anonymousUpload.status, 401);

    for (qint64 id : {m_carol.id, qint64(999999)}) {
        const ApiReply missing =
            m_client->get(QStringLiteral("/api/users/%1/avatar").arg(id), m_alice.accessToken);
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.errorCode(), QStringLiteral("avatar_not_found"));
    }
}

void TestProfiles::pictureUrlReplacesTheUploadedAvatar()
{
    const ApiReply uploaded = putAvatar(m_bob, encode(gradient(64, 64, false), "png"), "image/png");
    QCOMPARE(uploaded.status, 200);
    const QString avatarUrl = uploaded.json.value(QStringLiteral("profilePictureUrl")).toString();
    QCOMPARE(m_client->get(avatarUrl, m_alice.accessToken).status, 200);
    // Bob's own devices and his contact Alice hear of it; Carol does not.
    for (WsProbe *probe : {&m_bobWs, &m_aliceLaptop, &m_alicePhone})
        QCOMPARE(userOf(probe->waitFor(kUserUpdated)), uploaded.json);
    QVERIFY(m_carolWs.staysSilent(kUserUpdated, 200));

    // Sending the whole profile back, with the server's own relative URL, is no change.
    const ApiReply echoed = patchMe(m_bob, {{QStringLiteral("profilePictureUrl"), avatarUrl}});
    QCOMPARE(echoed.status, 200);
    QCOMPARE(echoed.json, uploaded.json);
    QVERIFY(m_aliceLaptop.staysSilent(kUserUpdated, 200));

    const QString external = QStringLiteral("https://example.org/bob.jpg");
    const ApiReply replaced = patchMe(m_bob, {{QStringLiteral("profilePictureUrl"), external}});
    QCOMPARE(replaced.status, 200);
    QCOMPARE(replaced.json.value(QStringLiteral("profilePictureUrl")).toString(), external);
    for (WsProbe *probe : {&m_bobWs, &m_aliceLaptop, &m_alicePhone})
        QCOMPARE(userOf(probe->waitFor(kUserUpdated)), replaced.json);
    const ApiReply gone = m_client->get(avatarUrl, m_alice.accessToken);
    QCOMPARE(gone.status, 404);
    QCOMPARE(gone.errorCode(), QStringLiteral("avatar_not_found"));

    // With no uploaded picture, DELETE leaves a URL set by PATCH alone.
    const ApiReply deleted = m_client->send(
        QByteArrayLiteral("DELETE"), QStringLiteral("/api/users/me/avatar"), {}, m_bob.accessToken);
    QCOMPARE(deleted.status, 204);
    QCOMPARE(m_client->get(QStringLiteral("/api/users/me"), m_bob.accessToken)
                 .json.value(QStringLiteral("profilePictureUrl"))
                 .toString(),
        external);
    QVERIFY(m_aliceLaptop.staysSilent(kUserUpdated, 200));
}

void TestProfiles::deletingTheAvatarClearsIt()
{
    const ApiReply uploaded =
        putAvatar(m_alice, encode(gradient(64, 64, true), "png"), "image/png");
    QCOMPARE(uploaded.status, 200);
    const QString avatarUrl = uploaded.json.value(QStringLiteral("profilePictureUrl")).toString();
    expectAliceUpdated();

    const ApiReply deleted = m_client->send(QByteArrayLiteral("DELETE"),
        QStringLiteral("/api/users/me/avatar"), {}, m_alice.accessToken);
    QCOMPARE(deleted.status, 204);
    const QJsonObject event = expectAliceUpdated();
    QCOMPARE(event.value(QStringLiteral("profilePictureUrl")).toString(), QString());
    QCOMPARE(m_client->get(avatarUrl, m_bob.accessToken).status, 404);
    QCOMPARE(m_client->get(QStringLiteral("/api/users/me"), m_alice.accessToken)
                 .json.value(QStringLiteral("profilePictureUrl"))
                 .toString(),
        QString());
    // Deleting again is harmless and tells no one.
    QCOMPARE(m_client
                 ->send(QByteArrayLiteral("DELETE"), QStringLiteral("/api/users/me/avatar"), {},
                     m_alice.accessToken)
                 .status,
        204);
    QVERIFY(m_bobWs.staysSilent(kUserUpdated, 200));
}

void TestProfiles::passwordChange()
{
    const TestUser dave = registerUser(*m_client, QStringLiteral("dave"));
    QVERIFY(dave.id);
    // A second device's session.
    const ApiReply otherDevice = m_client->post(QStringLiteral("/api/auth/login"),
        {{QStringLiteral("username"), QStringLiteral("dave")},
            {QStringLiteral("password"), QStringLiteral("correct horse")}});
    QCOMPARE(otherDevice.status, 200);
    const QString otherRefresh = otherDevice.json.value(QStringLiteral("refreshToken")).toString();

    const ApiReply changed = m_client->post(QStringLiteral("/api/auth/password"),
        {{QStringLiteral("currentPassword"), QStringLiteral("correct horse")},
            {QStringLiteral("newPassword"), QStringLiteral("battery staple")}},
        dave.accessToken);
    QCOMPARE(changed.status, 200);
    QCOMPARE(changed.json.value(QStringLiteral("user"))
                 .toObject()
                 .value(QStringLiteral("id"))
                 .toInteger(),
        dave.id);
    QVERIFY(!changed.json.value(QStringLiteral("accessToken")).toString().isEmpty());
    QCOMPARE(changed.json.value(QStringLiteral("expiresIn")).toInt(), 900);
    const QString freshRefresh = changed.json.value(QStringLiteral("refreshToken")).toString();
    QVERIFY(!freshRefresh.isEmpty());
    QCOMPARE(m_client
                 ->get(QStringLiteral("/api/users/me"),
                     changed.json.value(QStringLiteral("accessToken")).toString())
                 .status,
        200);

    // Every earlier refresh token is dead, the caller's own included...
    for (const QString &old : {dave.refreshToken, otherRefresh}) {
        const ApiReply refused = m_client->post(
            QStringLiteral("/api/auth/refresh"), {{QStringLiteral("refreshToken"), old}});
        QCOMPARE(refused.status, 401);
        QCOMPARE(refused.errorCode(), QStringLiteral("invalid_refresh_token"));
    }
    // ...and trying them is not taken for theft: the new session survives.
    const ApiReply refreshed = m_client->post(
        QStringLiteral("/api/auth/refresh"), {{QStringLiteral("refreshToken"), freshRefresh}});
    QCOMPARE(refreshed.status, 200);

    const auto login = [&](const QString &password) {
        return m_client
            ->post(QStringLiteral("/api/auth/login"),
                {{QStringLiteral("username"), QStringLiteral("dave")},
                    {QStringLiteral("password"), password}})
            .status;
    };
    QCOMPARE(login(QStringLiteral("correct horse")), 401);
    QCOMPARE(login(QStringLiteral("battery staple")), 200);
}

void TestProfiles::passwordChangeRejects_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const auto body = [](const QString &current, const QString &next) {
        return QJsonObject {
            {QStringLiteral("currentPassword"), current}, {QStringLiteral("newPassword"), next}};
    };
    const QString right = QStringLiteral("correct horse");
    QTest::newRow("wrong current")
        << body(QStringLiteral("wrong horse"), QStringLiteral("new password")) << 403
        << QStringLiteral("invalid_credentials");
    QTest::newRow("new too short")
        << body(right, QStringLiteral("1234567")) << 400 << QStringLiteral("invalid_password");
    QTest::newRow("new too long") << body(right, QString(129, QLatin1Char('p'))) << 400
                                  << QStringLiteral("invalid_password");
    QTest::newRow("wrong current and new too short") << body(QStringLiteral("wrong horse"),
        QStringLiteral("short")) << 400 << QStringLiteral("invalid_password");
    QTest::newRow("missing current")
        << QJsonObject {{QStringLiteral("newPassword"), QStringLiteral("new password")}} << 400
        << QStringLiteral("missing_field");
}

void TestProfiles::passwordChangeRejects()
{
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const TestUser erin = registerUser(*m_client,
        QStringLiteral("erin%1")
            .arg(QString::fromLatin1(QTest::currentDataTag()))
            .remove(QLatin1Char(' ')));
    QVERIFY(erin.id);
    const ApiReply reply =
        m_client->post(QStringLiteral("/api/auth/password"), body, erin.accessToken);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    // Nothing changed: the old password and the old refresh token still work.
    QCOMPARE(m_client
                 ->post(QStringLiteral("/api/auth/login"),
                     {{QStringLiteral("username"), erin.username},
                         {QStringLiteral("password"), QStringLiteral("correct horse")}})
                 .status,
        200);
    QCOMPARE(m_client
                 ->post(QStringLiteral("/api/auth/refresh"),
                     {{QStringLiteral("refreshToken"), erin.refreshToken}})
                 .status,
        200);
    // Without an access token the route is closed.
    QCOMPARE(m_client->post(QStringLiteral("/api/auth/password"), body).status, 401);
}

void TestProfiles::passwordGuessingIsThrottled()
{
    const TestUser frank = registerUser(*m_client, QStringLiteral("frank"));
    QVERIFY(frank.id);
    const auto change = [&](const QString &current) {
        return m_client->post(QStringLiteral("/api/auth/password"),
            {{QStringLiteral("currentPassword"), current},
                {QStringLiteral("newPassword"), QStringLiteral("new password")}},
            frank.accessToken);
    };
    for (int i = 0; i < 10; ++i)
        QCOMPARE(change(QStringLiteral("guess %1").arg(i)).status, 403);
    // Now even the right password waits, as with login.
    const ApiReply throttled = change(QStringLiteral("correct horse"));
    QCOMPARE(throttled.status, 429);
    QCOMPARE(throttled.errorCode(), QStringLiteral("too_many_attempts"));
    QVERIFY(throttled.header("Retry-After").toInt() > 0);
    // Counted apart from logins: signing in still works.
    QCOMPARE(m_client
                 ->post(QStringLiteral("/api/auth/login"),
                     {{QStringLiteral("username"), QStringLiteral("frank")},
                         {QStringLiteral("password"), QStringLiteral("correct horse")}})
                 .status,
        200);
}

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"
