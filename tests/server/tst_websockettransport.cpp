// The server's own WebSocket transport over real sockets, driven by a raw TCP (or TLS) client
// that writes hand-made frames: the opening handshake and its refusals, masking, fragmentation
// with control frames in between, UTF-8 and size checks, both closing handshakes, frames split
// into single bytes, and one pre-framed event delivered to several connections.
#include "common/events.h"
#include "server/core/auth/tokenservice.h"
#include "server/core/realtime/realtimehub.h"
#include "server/core/tls/selfsignedcertificate.h"
#include "server/core/websocket/websockethandshake.h"
#include "tests/support/testserver.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <memory>
#include <optional>

using namespace Confab;
using namespace Confab::Server;
using namespace Confab::Testing;
using namespace std::chrono_literals;

namespace {

constexpr quint8 kText = 0x1;
constexpr quint8 kBinary = 0x2;
constexpr quint8 kContinuation = 0x0;
constexpr quint8 kClose = 0x8;
constexpr quint8 kPing = 0x9;
constexpr quint8 kPong = 0xA;

struct ServerFrame
{
    bool fin = false;
    quint8 opcode = 0;
    QByteArray payload;
    /// The whole frame as it came over the wire.
    QByteArray raw;

    quint16 closeCode() const
    {
        return payload.size() >= 2 ? qFromBigEndian<quint16>(payload.constData()) : 0;
    }
    QJsonObject json() const { return QJsonDocument::fromJson(payload).object(); }
};

struct HandshakeReply
{
    int status = 0;
    QByteArray head;
    QJsonObject json;

    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

/// A client frame: masked unless told otherwise, with any bits the test wants set.
QByteArray clientFrame(
    quint8 opcode, const QByteArray &payload, bool fin = true, bool masked = true, quint8 rsv = 0)
{
    QByteArray frame;
    frame.append(char((fin ? 0x80 : 0) | (rsv << 4) | opcode));
    const quint8 maskBit = masked ? 0x80 : 0;
    if (payload.size() < 126) {
        frame.append(char(maskBit | payload.size()));
    } else if (payload.size() <= 0xFFFF) {
        frame.append(char(maskBit | 126));
        char length[2];
        qToBigEndian(quint16(payload.size()), length);
        frame.append(length, 2);
    } else {
        frame.append(char(maskBit | 127));
        char length[8];
        qToBigEndian(quint64(payload.size()), length);
        frame.append(length, 8);
    }
    if (!masked)
        return frame + payload;
    const quint32 key = QRandomGenerator::global()->generate();
    char mask[4];
    qToBigEndian(key, mask);
    frame.append(mask, 4);
    QByteArray body(payload);
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char(body[i] ^ mask[i % 4]);
    return frame + body;
}

QByteArray closePayload(quint16 code, const QByteArray &reason = {})
{
    char bytes[2];
    qToBigEndian(code, bytes);
    return QByteArray(bytes, 2) + reason;
}

QByteArray authFrame(const QString &token)
{
    return QJsonDocument(
        QJsonObject {{QStringLiteral("type"), QStringLiteral("AUTH")},
            {QStringLiteral("payload"), QJsonObject {{QStringLiteral("token"), token}}}})
        .toJson(QJsonDocument::Compact);
}

QByteArray upgradeRequest(const QByteArray &extraHeaders,
    const QByteArray &key = QByteArrayLiteral("dGhlIHNhbXBsZSBub25jZQ=="),
    const QByteArray &path = QByteArrayLiteral("/ws"))
{
    QByteArray request = "GET " + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
    if (!key.isEmpty())
        request += "Sec-WebSocket-Key: " + key + "\r\n";
    return request + extraHeaders + "\r\n";
}

/// A WebSocket client that knows nothing but bytes, so it can say what a real client never
/// would. Event-loop driven: the server runs on this thread.
class RawClient
{
public:
    RawClient() = default;
    explicit RawClient(const QSslCertificate &trusted)
    {
        auto *tls = new QSslSocket;
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates({trusted});
        tls->setSslConfiguration(configuration);
        m_socket.reset(tls);
    }

    bool connectTo(quint16 port)
    {
        QObject::connect(m_socket.get(), &QIODevice::readyRead, m_socket.get(),
            [this] { m_received += m_socket->readAll(); });
        // Every write its own segment, so "byte by byte" means it.
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (auto *tls = qobject_cast<QSslSocket *>(m_socket.get())) {
            tls->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
            return QTest::qWaitFor([tls] { return tls->isEncrypted(); }, 10000);
        }
        m_socket->connectToHost(QHostAddress::LocalHost, port);
        return m_socket->waitForConnected(10000);
    }

    void send(const QByteArray &bytes)
    {
        m_socket->write(bytes);
        m_socket->flush();
    }

    std::optional<HandshakeReply> handshake(const QByteArray &request)
    {
        send(request);
        std::optional<HandshakeReply> reply;
        (void)QTest::qWaitFor([&] { return (reply = takeReply()).has_value() || gone(); }, 10000);
        if (!reply)
            reply = takeReply();
        return reply;
    }

    /// The next frame from the server; nothing when none came within 10 s.
    std::optional<ServerFrame> nextFrame()
    {
        std::optional<ServerFrame> frame;
        (void)QTest::qWaitFor([&] { return (frame = takeFrame()).has_value() || gone(); }, 10000);
        if (!frame)
            frame = takeFrame();
        return frame;
    }

    /// The next frame that is not a ping (the server pings authenticated connections).
    std::optional<ServerFrame> nextDataOrClose()
    {
        for (;;) {
            std::optional<ServerFrame> frame = nextFrame();
            if (!frame || frame->opcode != kPing)
                return frame;
        }
    }

    bool gone() const { return m_socket->state() == QAbstractSocket::UnconnectedState; }
    bool waitGone()
    {
        return QTest::qWaitFor([this] { return gone(); }, 15000);
    }
    QTcpSocket &socket() { return *m_socket; }

private:
    std::optional<HandshakeReply> takeReply()
    {
        const qsizetype end = m_received.indexOf("\r\n\r\n");
        if (end < 0)
            return std::nullopt;
        HandshakeReply reply;
        reply.head = m_received.left(end);
        reply.status = reply.head.mid(9, 3).toInt();
        const qsizetype length = reply.header("content-length").toLongLong();
        if (m_received.size() < end + 4 + length)
            return std::nullopt;
        reply.json = QJsonDocument::fromJson(m_received.mid(end + 4, length)).object();
        m_received.remove(0, end + 4 + length);
        return reply;
    }

    std::optional<ServerFrame> takeFrame()
    {
        if (m_received.size() < 2)
            return std::nullopt;
        const auto *bytes = reinterpret_cast<const uchar *>(m_received.constData());
        qsizetype header = 2;
        quint64 length = bytes[1] & 0x7F;
        if (length == 126) {
            if (m_received.size() < 4)
                return std::nullopt;
            length = qFromBigEndian<quint16>(bytes + 2);
            header = 4;
        } else if (length == 127) {
            if (m_received.size() < 10)
                return std::nullopt;
            length = qFromBigEndian<quint64>(bytes + 2);
            header = 10;
        }
        if (bytes[1] & 0x80) // servers never mask; make it visible
            return ServerFrame {true, 0xFF, QByteArray("masked"), {}};
        if (quint64(m_received.size()) < header + length)
            return std::nullopt;
        ServerFrame frame;
        frame.fin = bytes[0] & 0x80;
        frame.opcode = bytes[0] & 0x0F;
        frame.payload = m_received.mid(header, qsizetype(length));
        frame.raw = m_received.left(header + qsizetype(length));
        m_received.remove(0, header + qsizetype(length));
        return frame;
    }

    std::unique_ptr<QTcpSocket> m_socket = std::make_unique<QTcpSocket>();
    QByteArray m_received;
};

} // namespace

class TestWebSocketTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void acceptKeyFollowsTheRfcSample();
    void handshakeIsAccepted();
    void framesSentWithTheUpgradeRequestAreRead();
    void badHandshakesAreRefused_data();
    void badHandshakesAreRefused();
    void unmaskedFrameIsAProtocolError();
    void reservedBitsAndOpcodesAreProtocolErrors_data();
    void reservedBitsAndOpcodesAreProtocolErrors();
    void fragmentedTextWithPingBetweenIsReassembled();
    void frameSplitIntoSingleBytesIsParsed();
    void invalidUtf8Closes1007();
    void oversizedMessageCloses1009_data();
    void oversizedMessageCloses1009();
    void binaryMessageIsAnsweredWithAnError();
    void clientInitiatedCloseIsAnswered();
    void serverInitiatedCloseWaitsForThePeer();
    void serverCloseWithoutAnswerIsDroppedAfterTimeout();
    void oneFramedEventReachesEveryConnectionAlike();
    void framesBeyondTheSendBufferArriveWholeAndInOrder();
    void peerThatResetsIsRemovedAtOnce();
    void transportWorksOverTls();

private:
    std::unique_ptr<RawClient> openAuthenticated(const QString &token);

    TestServer m_server;
    TestUser m_alice;
    TestUser m_bob;
    std::unique_ptr<ApiClient> m_client;
};

void TestWebSocketTransport::initTestCase()
{
    RealtimeSettings settings;
    settings.offlineGrace = 0ms;
    settings.maxMessageBytes = 4096;
    settings.authTimeout = 500ms;
    settings.closeTimeout = 2s;
    m_server.setRealtimeSettings(settings);
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_client = std::make_unique<ApiClient>(m_server.httpUrl());
    m_alice = registerUser(*m_client, QStringLiteral("alice"));
    m_bob = registerUser(*m_client, QStringLiteral("bob"));
    QVERIFY(m_alice.id && m_bob.id);
}

std::unique_ptr<RawClient> TestWebSocketTransport::openAuthenticated(const QString &token)
{
    auto client = std::make_unique<RawClient>();
    if (!client->connectTo(m_server.port()))
        return nullptr;
    const auto reply = client->handshake(upgradeRequest(
        "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token.toUtf8() + "\r\n"));
    if (!reply || reply->status != 101)
        return nullptr;
    const auto ready = client->nextDataOrClose();
    if (!ready || ready->json().value(QStringLiteral("type")).toString() != QLatin1String("READY"))
        return nullptr;
    return client;
}

void TestWebSocketTransport::acceptKeyFollowsTheRfcSample()
{
    // RFC 6455 §1.3's worked example.
    QCOMPARE(WebSocketHandshake::acceptFor("dGhlIHNhbXBsZSBub25jZQ=="),
        QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
}

void TestWebSocketTransport::handshakeIsAccepted()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server.port()));
    const auto reply = client.handshake(upgradeRequest("Sec-WebSocket-Version: 13\r\n"));
    QVERIFY(reply);
    QCOMPARE(reply->status, 101);
    QCOMPARE(reply->header("sec-websocket-accept"), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    QCOMPARE(reply->header("upgrade").toLower(), QByteArray("websocket"));
    // Without a token the first frame must be AUTH.
    client.send(clientFrame(kText, authFrame(m_alice.accessToken)));
    const auto ready = client.nextDataOrClose();
    QVERIFY(ready);
    QCOMPARE(ready->opcode, kText);
    QCOMPARE(ready->json().value(QStringLiteral("type")).toString(), QStringLiteral("READY"));
}

void TestWebSocketTransport::framesSentWithTheUpgradeRequestAreRead()
{
    // A client need not wait for 101: frames in the same write as the request still count.
    RawClient client;
    QVERIFY(client.connectTo(m_server.port()));
    const auto reply = client.handshake(upgradeRequest("Sec-WebSocket-Version: 13\r\n")
        + clientFrame(kPing, "early") + clientFrame(kText, authFrame(m_alice.accessToken)));
    QVERIFY(reply);
    QCOMPARE(reply->status, 101);
    const auto pong = client.nextFrame();
    QVERIFY(pong);
    QCOMPARE(pong->opcode, kPong);
    QCOMPARE(pong->payload, QByteArray("early"));
    const auto ready = client.nextDataOrClose();
    QVERIFY(ready);
    QCOMPARE(ready->json().value(QStringLiteral("type")).toString(), QStringLiteral("READY"));
}

void TestWebSocketTransport::badHandshakesAreRefused_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QByteArray>("header");

    const QByteArray v13 = "Sec-WebSocket-Version: 13\r\n";
    QTest::newRow("no key") << upgradeRequest(v13, {}) << 400
                            << QStringLiteral("bad_websocket_handshake") << QByteArray();
    QTest::newRow("key of 15 bytes") << upgradeRequest(v13, QByteArray(15, 'k').toBase64()) << 400
                                     << QStringLiteral("bad_websocket_handshake") << QByteArray();
    QTest::newRow("key not base64") << upgradeRequest(v13, "!!!!!!!!!!!!!!!!!!!!!!==") << 400
                                    << QStringLiteral("bad_websocket_handshake") << QByteArray();
    QTest::newRow("version 8") << upgradeRequest("Sec-WebSocket-Version: 8\r\n") << 426
                               << QStringLiteral("unsupported_websocket_version")
                               << QByteArray("13");
    QTest::newRow("no version") << upgradeRequest({}) << 426
                                << QStringLiteral("unsupported_websocket_version")
                                << QByteArray("13");
    QTest::newRow("bad bearer token")
        << upgradeRequest(v13 + "Authorization: Bearer not-a-token\r\n") << 401
        << QStringLiteral("unauthorized") << QByteArray();
    QTest::newRow("another path") << upgradeRequest(v13, "dGhlIHNhbXBsZSBub25jZQ==", "/api/health")
                                  << 404 << QStringLiteral("not_found") << QByteArray();
    QTest::newRow("plain GET") << QByteArray("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") << 426
                               << QStringLiteral("upgrade_required") << QByteArray();
}

void TestWebSocketTransport::badHandshakesAreRefused()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QByteArray, header);
    RawClient client;
    QVERIFY(client.connectTo(m_server.port()));
    const auto reply = client.handshake(request);
    QVERIFY(reply);
    QCOMPARE(reply->status, status);
    const QJsonObject error = reply->json.value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
    QCOMPARE(reply->header("sec-websocket-version"), header);
}

void TestWebSocketTransport::unmaskedFrameIsAProtocolError()
{
    auto client = openAuthenticated(m_alice.accessToken);
    QVERIFY(client);
    client->send(clientFrame(kText, "{}", true, false));
    const auto close = client->nextDataOrClose();
    QVERIFY(close);
    QCOMPARE(close->opcode, kClose);
    QCOMPARE(close->closeCode(), quint16(1002));
    QVERIFY(client->waitGone());
}

void TestWebSocketTransport::reservedBitsAndOpcodesAreProtocolErrors_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("RSV1") << clientFrame(kText, "{}", true, true, 0x4);
    QTest::newRow("RSV3") << clientFrame(kText, "{}", true, true, 0x1);
    QTest::newRow("opcode 3") << clientFrame(0x3, "{}");
    QTest::newRow("opcode 0xB") << clientFrame(0xB, {});
    QTest::newRow("continuation first") << clientFrame(kContinuation, "{}");
    QTest::newRow("fragmented ping") << clientFrame(kPing, "x", false);
    QTest::newRow("ping of 126 bytes") << clientFrame(kPing, QByteArray(126, 'p'));
    QTest::newRow("close of 1 byte") << clientFrame(kClose, "x");
    QTest::newRow("close code 1005") << clientFrame(kClose, closePayload(1005));
    QTest::newRow("text inside text")
        << clientFrame(kText, "{", false) + clientFrame(kText, "}", true);
}

void TestWebSocketTransport::reservedBitsAndOpcodesAreProtocolErrors()
{
    QFETCH(QByteArray, frame);
    auto client = openAuthenticated(m_alice.accessToken);
    QVERIFY(client);
    client->send(frame);
    const auto close = client->nextDataOrClose();
    QVERIFY(close);
    QCOMPARE(close->opcode, kClose);
    QCOMPARE(close->closeCode(), quint16(1002));
    QVERIFY(client->waitGone());
}

void TestWebSocketTransport::fragmentedTextWithPingBetweenIsReassembled()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server.port()));
    const auto reply = client.handshake(upgradeRequest("Sec-WebSocket-Version: 13\r\n"));
    QVERIFY(reply && reply->status == 101);
    const QByteArray auth = authFrame(m_alice.accessToken);
    const qsizetype third = auth.size() / 3;
    client.send(clientFrame(kText, auth.left(third), false));
    client.send(clientFrame(kPing, "are you there"));
    client.send(clientFrame(kContinuation, auth.mid(third, third), false));
    client.send(clientFrame(kPong, "unasked")); // unsolicited pongs are ignored
    client.send(clientFrame(kContinuation, auth.mid(2 * third), true));
    const auto pong = client.nextFrame();
    QVERIFY(pong);
    QCOMPARE(pong->opcode, kPong);
    QCOMPARE(pong->payload, QByteArray("are you there"));
    const auto ready = client.nextDataOrClose();
    QVERIFY(ready);
    QCOMPARE(ready->json().value(QStringLiteral("type")).toString(), QStringLiteral("READY"));
}

void TestWebSocketTransport::frameSplitIntoSingleBytesIsParsed()
{
    auto client = openAuthenticated(m_alice.accessToken);
    QVERIFY(client);
    // Long enough for a 16-bit length, so every header field is split as well.
    const QByteArray unknown = R"({"type":"NOT_A_TYPE","payload":{}})" + QByteArray(200, ' ');
    const QByteArray frame = clientFrame(kText, unknown);
    QVERIFY(frame.at(1) == char(0x80 | 126));
    for (qsizetype i = 0; i < frame.size(); ++i) {
        client->send(frame.mid(i, 1));
        QTest::qWait(1); // let the server read each byte on its own
    }
    const auto error = client->nextDataOrClose();
    QVERIFY(error);
    QCOMPARE(error->json().value(QStringLiteral("type")).toString(), QStringLiteral("ERROR"));
    QCOMPARE(error->json()
                 .value(QStringLiteral("payload"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toString(),
        QStringLiteral("unknown_type"));
}

void TestWebSocketTransport::invalidUtf8Closes1007()
{
    auto client = openAuthenticated(m_alice.accessToken);
    QVERIFY(client);
    // An overlong encoding of '/', split across two fragments.
    client->send(clientFrame(kText, "{\"type\":\"\xC0", false));
    client->send(clientFrame(kContinuation, "\xAF\"}", true));
    const auto close = client->nextDataOrClose();
    QVERIFY(close);
    QCOMPARE(close->opcode, kClose);
    QCOMPARE(close->closeCode(), quint16(1007));
    QVERIFY(client->waitGone());
}

void TestWebSocketTransport::oversizedMessageCloses1009_data()
{
    QTest::addColumn<QList<QByteArray>>("frames");
    // The server under test allows 4,096 bytes per message.
    QTest::newRow("one frame") << QList<QByteArray> {clientFrame(kText, QByteArray(5000, 'a'))};
    QTest::newRow("64-bit length")
        << QList<QByteArray> {clientFrame(kBinary, QByteArray(70000, 'a'))};
    QTest::newRow("fragments") << QList<QByteArray> {
        clientFrame(kText, QByteArray(3000, 'a'), false),
        clientFrame(kContinuation, QByteArray(3000, 'a'), true)};
}

void TestWebSocketTransport::oversizedMessageCloses1009()
{
    QFETCH(QList<QByteArray>, frames);
    auto client = openAuthenticated(m_alice.accessToken);
    QVERIFY(client);
    for (const QByteArray &frame : frames)
        client->send(frame);
    const auto close = client->nextDataOrClose();
    QVERIFY(close);
    QCOMPARE(close->opcode, kClose);
    QCOMPARE(close->closeCode(), quint16(1009));
    QVERIFY(client->waitGone());
}

void TestWebSocketTransport::binaryMessageIsAnsweredWithAnError()
{
    auto client = openAuthenticated(m_alice.accessToken);
    QVERIFY(client);
    client->send(clientFrame(kBinary, "\x01\x02\x03"));
    const auto error = client->nextDataOrClose();
    QVERIFY(error);
    QCOMPARE(error->opcode, kText);
    QCOMPARE(error->json().value(QStringLiteral("type")).toString(), QStringLiteral("ERROR"));
    QCOMPARE(error->json()
                 .value(QStringLiteral("payload"))
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toString(),
        QStringLiteral("invalid_frame"));
    QVERIFY(!client->gone());
}

void TestWebSocketTransport::clientInitiatedCloseIsAnswered()
{
    auto client = openAuthenticated(m_alice.accessToken);
    QVERIFY(client);
    client->send(clientFrame(kClose, closePayload(1000, "bye")));
    const auto close = client->nextDataOrClose();
    QVERIFY(close);
    QCOMPARE(close->opcode, kClose);
    QCOMPARE(close->closeCode(), quint16(1000));
    // The server ends the TCP connection after its answer.
    QVERIFY(client->waitGone());
}

void TestWebSocketTransport::serverInitiatedCloseWaitsForThePeer()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server.port()));
    const auto reply = client.handshake(upgradeRequest("Sec-WebSocket-Version: 13\r\n"));
    QVERIFY(reply && reply->status == 101);
    // The server closes (4401) a connection whose first frame is not AUTH.
    client.send(clientFrame(kText, R"({"type":"TYPING","payload":{}})"));
    const auto close = client.nextFrame();
    QVERIFY(close);
    QCOMPARE(close->opcode, kClose);
    QCOMPARE(close->closeCode(), quint16(4401));
    // Still connected: the server waits for our close, and ignores data frames meanwhile.
    QVERIFY(!client.gone());
    client.send(clientFrame(kText, authFrame(m_alice.accessToken)));
    client.send(clientFrame(kClose, closePayload(4401)));
    QVERIFY(client.waitGone());
    QVERIFY(!client.nextFrame().has_value()); // no READY slipped out
}

void TestWebSocketTransport::serverCloseWithoutAnswerIsDroppedAfterTimeout()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server.port()));
    const auto reply = client.handshake(upgradeRequest("Sec-WebSocket-Version: 13\r\n"));
    QVERIFY(reply && reply->status == 101);
    // No AUTH within the (shortened) auth timeout: the server closes, and we never answer.
    const auto close = client.nextFrame();
    QVERIFY(close);
    QCOMPARE(close->opcode, kClose);
    QCOMPARE(close->closeCode(), quint16(4401));
    QVERIFY(client.waitGone());
}

void TestWebSocketTransport::oneFramedEventReachesEveryConnectionAlike()
{
    auto aliceLaptop = openAuthenticated(m_alice.accessToken);
    auto alicePhone = openAuthenticated(m_alice.accessToken);
    auto bob = openAuthenticated(m_bob.accessToken);
    QVERIFY(aliceLaptop && alicePhone && bob);
    const int before = m_server.server().hub().connectionCount();
    QVERIFY(before >= 3);
    // Long enough for a 16-bit length; non-ASCII to show the bytes are UTF-8 as framed.
    const QString text = QStringLiteral("caf\u00e9 \u263a ") + QString(300, QLatin1Char('x'));
    const Envelope event = TypingEvent(42, m_bob.id, true).toEnvelope();
    Envelope custom = event;
    custom.payload.insert(QStringLiteral("note"), text);
    m_server.server().hub().sendToUsers({m_alice.id, m_bob.id}, custom);
    QList<QByteArray> received;
    for (RawClient *client : {aliceLaptop.get(), alicePhone.get(), bob.get()}) {
        const auto frame = client->nextDataOrClose();
        QVERIFY(frame);
        QCOMPARE(frame->opcode, kText);
        QVERIFY(frame->fin);
        QCOMPARE(
            frame->json().value(QStringLiteral("payload")).toObject().value(QStringLiteral("note")),
            QJsonValue(text));
        received.append(frame->raw);
    }
    QCOMPARE(received.at(1), received.at(0));
    QCOMPARE(received.at(2), received.at(0));
}

void TestWebSocketTransport::framesBeyondTheSendBufferArriveWholeAndInOrder()
{
    // Frames far bigger than a socket's send buffer, written back to back while the client
    // cannot read (the test and the server share one thread): the kernel takes part of the
    // first, the rest waits in the socket's queue, and the later ones must queue behind it.
    auto client = openAuthenticated(m_alice.accessToken);
    QVERIFY(client);
    QList<QString> notes;
    for (int i = 0; i < 4; ++i) {
        notes.append(
            QStringLiteral("%1:").arg(i) + QString(i == 3 ? 10 : 3'000'000, QChar(u'a' + i)));
        Envelope event = TypingEvent(7, m_bob.id, true).toEnvelope();
        event.payload.insert(QStringLiteral("note"), notes.last());
        m_server.server().hub().sendToUsers({m_alice.id}, event);
    }
    for (const QString &note : std::as_const(notes)) {
        const auto frame = client->nextDataOrClose();
        QVERIFY(frame);
        QCOMPARE(frame->opcode, kText);
        QCOMPARE(frame->json()
                     .value(QStringLiteral("payload"))
                     .toObject()
                     .value(QStringLiteral("note"))
                     .toString()
                     .left(12),
            note.left(12));
        QCOMPARE(frame->payload.size() > note.size(), true);
    }
}

void TestWebSocketTransport::peerThatResetsIsRemovedAtOnce()
{
    auto client = openAuthenticated(m_bob.accessToken);
    QVERIFY(client);
    const int before = m_server.server().hub().connectionCount();
    // A reset, as when a client's network link fails: no close frame, no FIN.
    client->socket().setSocketOption(QAbstractSocket::LowDelayOption, 1);
    client->socket().abort();
    QTRY_COMPARE_WITH_TIMEOUT(m_server.server().hub().connectionCount(), before - 1, 10000);
}

void TestWebSocketTransport::transportWorksOverTls()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const Result<SelfSignedCertificate> made =
        SelfSignedCertificate::ensure(directory.filePath(QStringLiteral("tls")));
    QVERIFY(made);
    QFile certificateFile(made->certificateFile());
    QVERIFY(certificateFile.open(QIODevice::ReadOnly));
    const QSslCertificate certificate(certificateFile.readAll(), QSsl::Pem);
    TestServer server;
    TlsSettings tls;
    tls.certificateFile = made->certificateFile();
    tls.keyFile = made->keyFile();
    server.setTlsSettings(tls);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));

    RawClient refused(certificate);
    QVERIFY(refused.connectTo(server.port()));
    const auto refusal = refused.handshake(upgradeRequest("Sec-WebSocket-Version: 7\r\n"));
    QVERIFY(refusal);
    QCOMPARE(refusal->status, 426);

    RawClient client(certificate);
    QVERIFY(client.connectTo(server.port()));
    const auto reply = client.handshake(upgradeRequest("Sec-WebSocket-Version: 13\r\n"));
    QVERIFY(reply);
    QCOMPARE(reply->status, 101);
    QCOMPARE(reply->header("sec-websocket-accept"), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    client.send(clientFrame(kPing, "tls"));
    const auto pong = client.nextFrame();
    QVERIFY(pong);
    QCOMPARE(pong->opcode, kPong);
    QCOMPARE(pong->payload, QByteArray("tls"));
    // A fragmented AUTH for a user this server's database never had: reassembled, verified,
    // looked up, and answered with 4401.
    const QByteArray auth =
        authFrame(TokenService(server.jwtSecret()).issue(4242, QDateTime::currentDateTimeUtc()));
    client.send(clientFrame(kText, auth.left(10), false));
    client.send(clientFrame(kPing, "between"));
    client.send(clientFrame(kContinuation, auth.mid(10), true));
    const auto secondPong = client.nextFrame();
    QVERIFY(secondPong);
    QCOMPARE(secondPong->payload, QByteArray("between"));
    const auto close = client.nextFrame();
    QVERIFY(close);
    QCOMPARE(close->opcode, kClose);
    QCOMPARE(close->closeCode(), quint16(4401));
    client.send(clientFrame(kClose, closePayload(4401)));
    QVERIFY(client.waitGone());
    QTRY_COMPARE_WITH_TIMEOUT(server.server().hub().connectionCount(), 0, 10000);
}

QTEST_GUILESS_MAIN(TestWebSocketTransport)
#include "tst_websockettransport.moc"
