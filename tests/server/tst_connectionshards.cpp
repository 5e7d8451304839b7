// The hub's connection threads, over real WebSockets: with no thread, one and several, every
// device of a user gets each event exactly once and after its READY, frames that need the hub
// (AUTH, TYPING) and those a thread answers itself behave alike, a thread's deadline closes an
// idle unauthenticated socket, and shutting down closes every device on every thread with 1001.
#include "server/core/realtime/realtimehub.h"
#include "tests/support/testserver.h"
#include "tests/support/wsprobe.h"
#include "tests/ui/conversationfixtures.h"

#include <QJsonArray>
#include <QTest>

#include <chrono>
#include <memory>
#include <vector>

using namespace Confab;
using namespace Confab::Testing;
using namespace std::chrono_literals;

namespace {

QJsonObject frame(const QString &type, const QJsonObject &payload)
{
    return {{QStringLiteral("type"), type}, {QStringLiteral("payload"), payload}};
}

QJsonObject payloadOf(const QJsonObject &frame)
{
    return frame.value(QStringLiteral("payload")).toObject();
}

} // namespace

class TestConnectionShards : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyDeviceGetsEachEventOnce_data();
    void everyDeviceGetsEachEventOnce();
    void framesAreAnsweredOnEveryThread_data();
    void framesAreAnsweredOnEveryThread();
    void shutdownClosesEveryThreadsConnections_data();
    void shutdownClosesEveryThreadsConnections();

private:
    /// Alice and Bob with a direct conversation, on a server with `threads` connection threads.
    struct Scene
    {
        TestServer server;
        std::unique_ptr<ApiClient> client;
        TestUser alice, bob;
        qint64 conversationId = 0;
    };
    void addThreadCounts();
    static Server::RealtimeSettings settingsWith(int threads);
    static bool setUp(Scene &scene, int threads);
};

void TestConnectionShards::addThreadCounts()
{
    QTest::addColumn<int>("threads");
    QTest::newRow("on the hub's thread") << 0;
    QTest::newRow("one thread") << 1;
    QTest::newRow("three threads") << 3;
}

Server::RealtimeSettings TestConnectionShards::settingsWith(int threads)
{
    Server::RealtimeSettings settings;
    settings.offlineGrace = 0ms;
    settings.authTimeout = 1500ms;
    settings.connectionThreads = threads;
    return settings;
}

bool TestConnectionShards::setUp(Scene &scene, int threads)
{
    scene.server.setRealtimeSettings(settingsWith(threads));
    QString error;
    if (!startWithUsers(scene.server, scene.client,
            {{QStringLiteral("alice"), &scene.alice}, {QStringLiteral("bob"), &scene.bob}},
            &error)) {
        qWarning() << error;
        return false;
    }
    scene.conversationId =
        ConversationFixtures(scene.client.get()).createDirect(scene.alice, scene.bob.id);
    return scene.conversationId != 0;
}

void TestConnectionShards::everyDeviceGetsEachEventOnce_data()
{
    addThreadCounts();
}

void TestConnectionShards::everyDeviceGetsEachEventOnce()
{
    QFETCH(int, threads);
    Scene scene;
    QVERIFY(setUp(scene, threads));
    TestServer &server = scene.server;
    ApiClient &client = *scene.client;
    const TestUser &alice = scene.alice;
    const TestUser &bob = scene.bob;
    const qint64 conversationId = scene.conversationId;

    // Connections take turns over the threads: five devices cover three threads and share some.
    std::vector<std::unique_ptr<WsProbe>> devices;
    for (int i = 0; i < 5; ++i) {
        devices.push_back(std::make_unique<WsProbe>());
        QVERIFY(devices.back()->openReady(server.wsUrl(), bob.accessToken));
    }
    QTRY_COMPARE_WITH_TIMEOUT(server.server().hub().connectionCount(), 5, 5000);

    const int messages = 20;
    for (int i = 0; i < messages; ++i) {
        const ApiReply sent = client.post(
            QStringLiteral("/api/conversations/%1/messages").arg(conversationId),
            {{QStringLiteral("content"), QStringLiteral("message %1").arg(i)}}, alice.accessToken);
        QCOMPARE(sent.status, 201);
    }
    for (const std::unique_ptr<WsProbe> &device : devices) {
        for (int i = 0; i < messages; ++i) {
            const QJsonObject event = device->waitFor(QStringLiteral("MESSAGE_CREATED"), 10000);
            QCOMPARE(payloadOf(event)
                         .value(QStringLiteral("message"))
                         .toObject()
                         .value(QStringLiteral("content"))
                         .toString(),
                QStringLiteral("message %1").arg(i)); // in order, none twice
        }
        QVERIFY(device->staysSilent(QStringLiteral("MESSAGE_CREATED"), 100));
    }

    // Closing devices is heard from every thread; bob stays online while one device is left.
    for (size_t i = 0; i + 1 < devices.size(); ++i)
        devices[i]->socket().close();
    QTRY_COMPARE_WITH_TIMEOUT(server.server().hub().connectionCount(), 1, 10000);
    QVERIFY(server.server().hub().isOnline(bob.id));
    devices.back()->socket().close();
    QTRY_COMPARE_WITH_TIMEOUT(server.server().hub().connectionCount(), 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!server.server().hub().isOnline(bob.id), 10000);
}

void TestConnectionShards::framesAreAnsweredOnEveryThread_data()
{
    addThreadCounts();
}

void TestConnectionShards::framesAreAnsweredOnEveryThread()
{
    QFETCH(int, threads);
    Scene scene;
    QVERIFY(setUp(scene, threads));
    TestServer &server = scene.server;
    const TestUser &alice = scene.alice;
    const TestUser &bob = scene.bob;
    const qint64 conversationId = scene.conversationId;

    // One connection per thread (and one more), each signed in by its first frame.
    std::vector<std::unique_ptr<WsProbe>> connections;
    for (int i = 0; i < qMax(threads, 1) + 1; ++i) {
        auto connection = std::make_unique<WsProbe>();
        QVERIFY(connection->open(server.wsUrl(), QString()));
        connection->sendJson(frame(QStringLiteral("AUTH"),
            {{QStringLiteral("token"), i % 2 == 0 ? alice.accessToken : bob.accessToken}}));
        QVERIFY(!connection->waitFor(QStringLiteral("READY")).isEmpty());
        connections.push_back(std::move(connection));
    }
    for (const std::unique_ptr<WsProbe> &connection : connections) {
        connection->sendJson(frame(QStringLiteral("NO_SUCH_TYPE"), {}));
        QCOMPARE(payloadOf(connection->waitFor(QStringLiteral("ERROR")))
                     .value(QStringLiteral("code"))
                     .toString(),
            QStringLiteral("unknown_type"));
        connection->sendJson(
            frame(QStringLiteral("AUTH"), {{QStringLiteral("token"), alice.accessToken}}));
        QCOMPARE(payloadOf(connection->waitFor(QStringLiteral("ERROR")))
                     .value(QStringLiteral("code"))
                     .toString(),
            QStringLiteral("already_authenticated"));
        connection->sendJson(
            frame(QStringLiteral("TYPING"), {{QStringLiteral("conversationId"), true}}));
        QCOMPARE(payloadOf(connection->waitFor(QStringLiteral("ERROR")))
                     .value(QStringLiteral("code"))
                     .toString(),
            QStringLiteral("invalid_frame"));
    }
    // TYPING goes through the hub and comes back to the other user's connections only.
    connections.front()->sendJson(frame(QStringLiteral("TYPING"),
        {{QStringLiteral("conversationId"), conversationId}, {QStringLiteral("isTyping"), true}}));
    for (size_t i = 0; i < connections.size(); ++i) {
        if (i % 2 == 1) {
            const QJsonObject typing = payloadOf(connections[i]->waitFor(QStringLiteral("TYPING")));
            QCOMPARE(typing.value(QStringLiteral("userId")).toInteger(), alice.id);
        } else {
            QVERIFY(connections[i]->staysSilent(QStringLiteral("TYPING"), 200));
        }
    }

    // A connection that never signs in is closed by its thread's deadline.
    WsProbe silent;
    QVERIFY(silent.open(server.wsUrl(), QString()));
    QVERIFY(silent.waitClosed(10000));
    QCOMPARE(silent.closeCode(), quint16(4401));
}

void TestConnectionShards::shutdownClosesEveryThreadsConnections_data()
{
    addThreadCounts();
}

void TestConnectionShards::shutdownClosesEveryThreadsConnections()
{
    QFETCH(int, threads);
    TestServer server;
    server.setRealtimeSettings(settingsWith(threads));
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    ApiClient client(server.httpUrl());
    const TestUser alice = registerUser(client, QStringLiteral("alice"));
    std::vector<std::unique_ptr<WsProbe>> devices;
    for (int i = 0; i < 4; ++i) {
        devices.push_back(std::make_unique<WsProbe>());
        QVERIFY(devices.back()->openReady(server.wsUrl(), alice.accessToken));
    }
    server.server().shutdown();
    for (const std::unique_ptr<WsProbe> &device : devices) {
        QVERIFY(device->waitClosed(10000));
        QCOMPARE(device->closeCode(), quint16(1001));
    }
    server.stop();
}

QTEST_GUILESS_MAIN(TestConnectionShards)
#include "tst_connectionshards.moc"
