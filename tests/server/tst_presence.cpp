// Presence over real WebSockets: PRESENCE to contacts only, READY's onlineUserIds, the
// users' online and lastSeenAt fields, and a peer that vanishes without closing.
#include "tests/support/testserver.h"
#include "tests/support/wsprobe.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTcpSocket>
#include <QTest>

#include <chrono>

using namespace Confab;
using namespace Confab::Testing;
using namespace std::chrono_literals;

namespace {

QJsonObject payloadOf(const QJsonObject &frame)
{
    return frame.value(QStringLiteral("payload")).toObject();
}

/// A client that completes the WebSocket handshake by hand and then never says anything
/// again, not even a pong: what a laptop that lost its network looks like to the server.
class SilentPeer
{
public:
    bool connect(const QUrl &wsUrl, const QString &token)
    {
        m_socket.connectToHost(wsUrl.host(), quint16(wsUrl.port()));
        if (!m_socket.waitForConnected(5000))
            return false;
        m_socket.write("GET /ws HTTP/1.1\r\nHost: " + wsUrl.host().toUtf8() + ':'
            + QByteArray::number(wsUrl.port())
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
              "Authorization: Bearer "
            + token.toUtf8() + "\r\n\r\n");
        QByteArray received;
        const bool upgraded = QTest::qWaitFor(
            [&] {
                received += m_socket.readAll();
                return received.contains("\r\n\r\n");
            },
            5000);
        return upgraded && received.startsWith("HTTP/1.1 101");
    }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

private:
    QTcpSocket m_socket;
};

} // namespace

class TestPresence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void onlineAndOfflineReachContactsOnly();
    void readyListsOnlineContacts();
    void vanishedPeerGoesOfflineAfterTheDeadTime();
    void offlineAnnouncementWaitsForTheGrace();
    void bigGroupsShareNoPresence();

private:
    QJsonObject userJson(const TestUser &viewer, qint64 id);

    TestServer m_server;
    std::unique_ptr<ApiClient> m_client;
    TestUser m_alice, m_bob, m_carol;
    WsProbe m_bobLaptop, m_bobPhone, m_carolWs;
};

void TestPresence::initTestCase()
{
    // Short pings so that a dead peer is found in seconds (defaults: 20 s and 50 s).
    Server::RealtimeSettings settings;
    settings.pingInterval = 1s;
    settings.deadAfter = 3s;
    settings.offlineGrace = 0ms; // offlineAnnouncementWaitsForTheGrace sets its own
    m_server.setRealtimeSettings(settings);
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_client = std::make_unique<ApiClient>(m_server.httpUrl());
    m_alice = registerUser(*m_client, QStringLiteral("alice"));
    m_bob = registerUser(*m_client, QStringLiteral("bob"));
    m_carol = registerUser(*m_client, QStringLiteral("carol")); // shares nothing with the others
    QVERIFY(m_alice.id && m_bob.id && m_carol.id);
    const ApiReply direct = m_client->post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"), QJsonArray {m_bob.id}}}, m_alice.accessToken);
    QCOMPARE(direct.status, 201);
    QVERIFY(m_bobLaptop.openReady(m_server.wsUrl(), m_bob.accessToken));
    QVERIFY(m_bobPhone.openReady(m_server.wsUrl(), m_bob.accessToken));
    QVERIFY(m_carolWs.openReady(m_server.wsUrl(), m_carol.accessToken));
    // Bob's second device is not news to anyone: Alice was offline and Carol is no contact.
    QCOMPARE(m_carolWs.countOf(QStringLiteral("PRESENCE")), 0);
}

void TestPresence::offlineAnnouncementWaitsForTheGrace()
{
    // A server of its own, with a grace: a user who is back within it was never offline.
    TestServer server;
    Server::RealtimeSettings settings;
    settings.offlineGrace = 1500ms;
    server.setRealtimeSettings(settings);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    ApiClient client(server.httpUrl());
    const TestUser dana = registerUser(client, QStringLiteral("dana"));
    const TestUser eve = registerUser(client, QStringLiteral("eve"));
    QCOMPARE(client
                 .post(QStringLiteral("/api/conversations"),
                     {{QStringLiteral("participantIds"), QJsonArray {eve.id}}}, dana.accessToken)
                 .status,
        201);
    const auto danaSeenByEve = [&] {
        return client.get(QStringLiteral("/api/users/%1").arg(dana.id), eve.accessToken).json;
    };
    WsProbe watcher;
    QVERIFY(watcher.openReady(server.wsUrl(), eve.accessToken));

    auto first = std::make_unique<WsProbe>();
    QVERIFY(first->openReady(server.wsUrl(), dana.accessToken));
    QCOMPARE(payloadOf(watcher.waitFor(QStringLiteral("PRESENCE")))
                 .value(QStringLiteral("online"))
                 .toBool(),
        true);

    // Dropped and back at once (a reconnect): no PRESENCE either way, and she stays online.
    first->socket().close();
    QVERIFY(first->waitClosed(5000));
    QCOMPARE(danaSeenByEve().value(QStringLiteral("online")).toBool(), true);
    auto second = std::make_unique<WsProbe>();
    QVERIFY(second->openReady(server.wsUrl(), dana.accessToken));
    QVERIFY(watcher.staysSilent(QStringLiteral("PRESENCE"), 2500));
    QCOMPARE(danaSeenByEve().value(QStringLiteral("online")).toBool(), true);

    // Gone for good: offline once the grace has passed, last seen when she left.
    QElapsedTimer sinceClose;
    const QDateTime closing = QDateTime::currentDateTimeUtc().addMSecs(-1);
    second->socket().close();
    QVERIFY(second->waitClosed(5000));
    sinceClose.start();
    const QJsonObject offline = payloadOf(watcher.waitFor(QStringLiteral("PRESENCE"), 10000));
    QCOMPARE(offline.value(QStringLiteral("online")).toBool(), false);
    QVERIFY2(sinceClose.elapsed() >= 1000, qPrintable(QString::number(sinceClose.elapsed())));
    const QDateTime seen = QDateTime::fromString(
        offline.value(QStringLiteral("lastSeenAt")).toString(), Qt::ISODateWithMs);
    QVERIFY(seen >= closing);
    QVERIFY2(seen < closing.addMSecs(1000), qPrintable(seen.toString(Qt::ISODateWithMs)));
    const QJsonObject stored = danaSeenByEve();
    QCOMPARE(stored.value(QStringLiteral("online")).toBool(), false);
    QCOMPARE(QDateTime::fromString(
                 stored.value(QStringLiteral("lastSeenAt")).toString(), Qt::ISODateWithMs),
        seen);
    server.stop();
}

void TestPresence::bigGroupsShareNoPresence()
{
    // Presence only within conversations of at most 3 people, on a server of its own.
    TestServer server;
    Server::RealtimeSettings settings;
    settings.offlineGrace = 0ms;
    settings.presenceGroupLimit = 3;
    server.setRealtimeSettings(settings);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    ApiClient client(server.httpUrl());
    const TestUser fay = registerUser(client, QStringLiteral("fay"));
    const TestUser gus = registerUser(client, QStringLiteral("gus"));
    const TestUser hal = registerUser(client, QStringLiteral("hal"));
    const TestUser ida = registerUser(client, QStringLiteral("ida"));
    // Four in the group (too big), and Fay and Gus also talk directly.
    const ApiReply group = client.post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"), QJsonArray {gus.id, hal.id, ida.id}},
            {QStringLiteral("title"), QStringLiteral("Everyone")}},
        fay.accessToken);
    QCOMPARE(group.status, 201);
    const qint64 groupId = group.json.value(QStringLiteral("id")).toInteger();
    QCOMPARE(client
                 .post(QStringLiteral("/api/conversations"),
                     {{QStringLiteral("participantIds"), QJsonArray {gus.id}}}, fay.accessToken)
                 .status,
        201);

    WsProbe gusWs, halWs;
    QVERIFY(gusWs.openReady(server.wsUrl(), gus.accessToken));
    QVERIFY(halWs.openReady(server.wsUrl(), hal.accessToken));
    auto fayWs = std::make_unique<WsProbe>();
    QVERIFY(fayWs->open(server.wsUrl(), fay.accessToken));
    // Her READY lists Gus (direct) but not Hal, who shares only the big group with her.
    QCOMPARE(payloadOf(fayWs->waitFor(QStringLiteral("READY")))
                 .value(QStringLiteral("onlineUserIds"))
                 .toArray(),
        QJsonArray {gus.id});
    QCOMPARE(payloadOf(gusWs.waitFor(QStringLiteral("PRESENCE")))
                 .value(QStringLiteral("userId"))
                 .toInteger(),
        fay.id);
    QVERIFY(halWs.staysSilent(QStringLiteral("PRESENCE"), 500));
    // Hal still sees her online when he asks.
    QCOMPARE(client.get(QStringLiteral("/api/users/%1").arg(fay.id), hal.accessToken)
                 .json.value(QStringLiteral("online"))
                 .toBool(),
        true);
    fayWs->socket().close();
    QVERIFY(fayWs->waitClosed(5000));
    QVERIFY(!gusWs.waitFor(QStringLiteral("PRESENCE")).isEmpty());

    // Ida leaves: three people, small enough, and Hal hears of Fay from now on.
    QCOMPARE(
        client
            .send("DELETE",
                QStringLiteral("/api/conversations/%1/participants/%2").arg(groupId).arg(ida.id),
                QByteArray(), ida.accessToken)
            .status,
        204);
    fayWs = std::make_unique<WsProbe>();
    QVERIFY(fayWs->open(server.wsUrl(), fay.accessToken));
    QJsonArray online = payloadOf(fayWs->waitFor(QStringLiteral("READY")))
                            .value(QStringLiteral("onlineUserIds"))
                            .toArray();
    QCOMPARE(online, (QJsonArray {gus.id, hal.id}));
    const QJsonObject presence = payloadOf(halWs.waitFor(QStringLiteral("PRESENCE")));
    QCOMPARE(presence.value(QStringLiteral("userId")).toInteger(), fay.id);
    QCOMPARE(presence.value(QStringLiteral("online")).toBool(), true);
    server.stop();
}

QJsonObject TestPresence::userJson(const TestUser &viewer, qint64 id)
{
    return m_client->get(QStringLiteral("/api/users/%1").arg(id), viewer.accessToken).json;
}

void TestPresence::onlineAndOfflineReachContactsOnly()
{
    QVERIFY(userJson(m_bob, m_alice.id).value(QStringLiteral("lastSeenAt")).isNull());
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);

    auto laptop = std::make_unique<WsProbe>();
    QVERIFY(laptop->openReady(m_server.wsUrl(), m_alice.accessToken));
    for (WsProbe *bob : {&m_bobLaptop, &m_bobPhone}) {
        const QJsonObject online = payloadOf(bob->waitFor(QStringLiteral("PRESENCE")));
        QCOMPARE(online.value(QStringLiteral("userId")).toInteger(), m_alice.id);
        QCOMPARE(online.value(QStringLiteral("online")).toBool(), true);
        const QDateTime seen = QDateTime::fromString(
            online.value(QStringLiteral("lastSeenAt")).toString(), Qt::ISODateWithMs);
        QVERIFY(seen >= before);
    }
    QJsonObject alice = userJson(m_bob, m_alice.id);
    QCOMPARE(alice.value(QStringLiteral("online")).toBool(), true);

    // A second device and closing one of two change nothing for the others.
    auto phone = std::make_unique<WsProbe>();
    QVERIFY(phone->openReady(m_server.wsUrl(), m_alice.accessToken));
    phone->socket().close();
    QVERIFY(phone->waitClosed(5000));
    QVERIFY(m_bobLaptop.staysSilent(QStringLiteral("PRESENCE"), 400));
    QCOMPARE(userJson(m_bob, m_alice.id).value(QStringLiteral("online")).toBool(), true);

    // The last one closes: offline, and lastSeenAt is the time it went.
    const QDateTime closing = QDateTime::currentDateTimeUtc().addMSecs(-1);
    laptop->socket().close();
    QString offlineSeenAt;
    for (WsProbe *bob : {&m_bobLaptop, &m_bobPhone}) {
        const QJsonObject offline = payloadOf(bob->waitFor(QStringLiteral("PRESENCE")));
        QCOMPARE(offline.value(QStringLiteral("userId")).toInteger(), m_alice.id);
        QCOMPARE(offline.value(QStringLiteral("online")).toBool(), false);
        offlineSeenAt = offline.value(QStringLiteral("lastSeenAt")).toString();
        QVERIFY(QDateTime::fromString(offlineSeenAt, Qt::ISODateWithMs) >= closing);
    }
    alice = userJson(m_bob, m_alice.id);
    QCOMPARE(alice.value(QStringLiteral("online")).toBool(), false);
    QCOMPARE(alice.value(QStringLiteral("lastSeenAt")).toString(), offlineSeenAt);
    // Seen the same way by someone who shares nothing with her.
    alice = userJson(m_carol, m_alice.id);
    QCOMPARE(alice.value(QStringLiteral("online")).toBool(), false);
    QCOMPARE(alice.value(QStringLiteral("lastSeenAt")).toString(), offlineSeenAt);

    QCOMPARE(m_carolWs.countOf(QStringLiteral("PRESENCE")), 0);
}

void TestPresence::readyListsOnlineContacts()
{
    WsProbe alice;
    QVERIFY(alice.open(m_server.wsUrl(), m_alice.accessToken));
    const QJsonObject ready = payloadOf(alice.waitFor(QStringLiteral("READY")));
    QVERIFY(ready.value(QStringLiteral("onlineUserIds")).isArray());
    // Bob is a contact and online; Carol is online but no contact; Alice is not her own.
    QCOMPARE(ready.value(QStringLiteral("onlineUserIds")).toArray(), QJsonArray {m_bob.id});
    QVERIFY(!m_bobLaptop.waitFor(QStringLiteral("PRESENCE")).isEmpty());
    QVERIFY(!m_bobPhone.waitFor(QStringLiteral("PRESENCE")).isEmpty());

    // Carol's READY lists nobody: she shares no conversation.
    WsProbe carol;
    QVERIFY(carol.open(m_server.wsUrl(), m_carol.accessToken));
    QCOMPARE(payloadOf(carol.waitFor(QStringLiteral("READY")))
                 .value(QStringLiteral("onlineUserIds"))
                 .toArray(),
        QJsonArray());

    alice.socket().close();
    QVERIFY(alice.waitClosed(5000));
    QVERIFY(!m_bobLaptop.waitFor(QStringLiteral("PRESENCE")).isEmpty());
    QVERIFY(!m_bobPhone.waitFor(QStringLiteral("PRESENCE")).isEmpty());
}

void TestPresence::vanishedPeerGoesOfflineAfterTheDeadTime()
{
    SilentPeer peer;
    QElapsedTimer timer;
    timer.start();
    QVERIFY(peer.connect(m_server.wsUrl(), m_alice.accessToken));
    QCOMPARE(payloadOf(m_bobLaptop.waitFor(QStringLiteral("PRESENCE")))
                 .value(QStringLiteral("online"))
                 .toBool(),
        true);
    QVERIFY(!m_bobPhone.waitFor(QStringLiteral("PRESENCE")).isEmpty());

    // Pings go unanswered; after 3 s the server gives up on the peer.
    const QJsonObject offline = payloadOf(m_bobLaptop.waitFor(QStringLiteral("PRESENCE"), 8000));
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(offline.value(QStringLiteral("userId")).toInteger(), m_alice.id);
    QCOMPARE(offline.value(QStringLiteral("online")).toBool(), false);
    QVERIFY2(elapsed >= 2900 && elapsed < 5500, qPrintable(QString::number(elapsed)));
    QVERIFY(QTest::qWaitFor([&] { return !peer.isConnected(); }, 2000));
    const QJsonObject alice = userJson(m_bob, m_alice.id);
    QCOMPARE(alice.value(QStringLiteral("online")).toBool(), false);
    QCOMPARE(alice.value(QStringLiteral("lastSeenAt")).toString(),
        offline.value(QStringLiteral("lastSeenAt")).toString());

    // Clients that do answer pings were kept all along, and Carol heard nothing.
    QVERIFY(!m_bobLaptop.isClosed());
    QVERIFY(!m_bobPhone.isClosed());
    QVERIFY(!m_carolWs.isClosed());
    QCOMPARE(m_carolWs.countOf(QStringLiteral("PRESENCE")), 0);
}

QTEST_GUILESS_MAIN(TestPresence)
#include "tst_presence.moc"
