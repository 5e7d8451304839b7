#include "server/core/http/guardedtcpserver.h"

#include <atomic>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Confab::Server;
using namespace std::chrono_literals;

namespace {

/// Answers every request with its body length, and takes /ws as a WebSocket upgrade.
class BodyLengthServer : public QAbstractHttpServer
{
public:
    int handledRequests = 0;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        if (request.url().path() == QStringLiteral("/ws"))
            return true; // the upgrade goes on to the WebSocket server; writing would break it
        ++handledRequests;
        makeResponder(request, socket)
            .write(QByteArray::number(request.body().size()), "text/plain");
        return true;
    }
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
    }
};

struct Fixture
{
    BodyLengthServer http;
    GuardedTcpServer *tcp = nullptr;
    quint16 port = 0;
    std::vector<std::unique_ptr<QWebSocket>> webSockets;
};

std::unique_ptr<Fixture> startServer(const HttpLimits &limits)
{
    auto fixture = std::make_unique<Fixture>();
    fixture->tcp = new GuardedTcpServer(limits, &fixture->http);
    if (!fixture->tcp->listen(QHostAddress::LocalHost, 0))
        return nullptr;
    fixture->port = fixture->tcp->serverPort();
    fixture->http.bind(fixture->tcp);
    Fixture *f = fixture.get();
    QObject::connect(&f->http, &QAbstractHttpServer::newWebSocketConnection, &f->http, [f] {
        while (auto ws = f->http.nextPendingWebSocketConnection()) {
            QWebSocket *raw = ws.get();
            QObject::connect(
                raw, &QWebSocket::textMessageReceived, raw, [raw](const QString &text) {
                    raw->sendTextMessage(QStringLiteral("echo:") + text);
                });
            f->webSockets.push_back(std::move(ws));
        }
    });
    return fixture;
}

HttpLimits shortTimeouts()
{
    HttpLimits limits;
    limits.requestTimeout = 1000ms;
    limits.idleTimeout = 1000ms;
    limits.lingerTimeout = 500ms;
    return limits;
}

std::unique_ptr<QTcpSocket> connectClient(quint16 port)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QHostAddress::LocalHost, port);
    // The kernel completes the handshake from the listen backlog; no server events are needed.
    if (!socket->waitForConnected(5000))
        return nullptr;
    return socket;
}

QByteArray request(QByteArrayView method, QByteArrayView path, const QByteArray &body = {},
    QByteArrayView extraHeaders = {})
{
    QByteArray text = method.toByteArray() + ' ' + path.toByteArray()
        + QByteArrayLiteral(" HTTP/1.1\r\nHost: 127.0.0.1\r\n") + extraHeaders.toByteArray();
    if (!body.isEmpty() || method == "POST" || method == "PUT")
        text += QByteArrayLiteral("Content-Length: ") + QByteArray::number(body.size())
            + QByteArrayLiteral("\r\n");
    return text + QByteArrayLiteral("\r\n") + body;
}

struct Response
{
    int status = 0;
    QByteArray head;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.sliced(colon + 1).trimmed();
        }
        return {};
    }
    QString errorCode() const
    {
        return QJsonDocument::fromJson(body)
            .object()
            .value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString();
    }
};

/// Takes one complete Content-Length-framed response off the front of `buffer`.
std::optional<Response> takeResponse(QByteArray &buffer)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return std::nullopt;
    Response response;
    response.head = buffer.first(headEnd);
    const QList<QByteArray> statusLine = response.head.split('\n').value(0).split(' ');
    response.status = statusLine.value(1).toInt();
    const qint64 length = response.header("Content-Length").toLongLong();
    if (buffer.size() < headEnd + 4 + length)
        return std::nullopt;
    response.body = buffer.sliced(headEnd + 4, length);
    buffer.remove(0, headEnd + 4 + length);
    return response;
}

std::optional<Response> readResponse(
    QTcpSocket &socket, QByteArray &buffer, std::chrono::milliseconds timeout = 5000ms)
{
    QElapsedTimer timer;
    timer.start();
    while (std::chrono::milliseconds(timer.elapsed()) < timeout) {
        buffer += socket.readAll();
        if (auto response = takeResponse(buffer))
            return response;
        QTest::qWait(2);
    }
    return std::nullopt;
}

std::optional<Response> roundTrip(QTcpSocket &socket, const QByteArray &text)
{
    QByteArray buffer;
    socket.write(text);
    return readResponse(socket, buffer);
}

bool waitForDisconnect(QTcpSocket &socket, std::chrono::milliseconds timeout)
{
    QElapsedTimer timer;
    timer.start();
    while (socket.state() != QAbstractSocket::UnconnectedState) {
        if (std::chrono::milliseconds(timer.elapsed()) > timeout)
            return false;
        QTest::qWait(5);
    }
    return true;
}

// AddressSanitizer quarantines freed memory, so under it RSS grows with throughput, not with
// what is kept; the memory bound is checked in ordinary builds only.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kRssIsMeaningful = false;
#else
constexpr bool kRssIsMeaningful = true;
#endif

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    return statm.readAll().split(' ').value(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

} // namespace

class TestHttpLimits : public QObject
{
    Q_OBJECT

private slots:
    void normalRequestAndKeepAlive();
    void bodyAtLimitIsAccepted();
    void bodyOverLimitIsRejectedAtOnce();
    void hugeUploadIsRejectedWithFlatMemory();
    void hugeUploadIsDrainedNotBuffered();
    void routeBodyLimitAllowsLargerUpload();
    void oversizedHeadersAreRejected();
    void ambiguousFramingIsRejected_data();
    void ambiguousFramingIsRejected();
    void tricklingClientIsCutOffAfterRequestTimeout();
    void tricklingClientIsCutOffAfterDefaultRequestTimeout();
    void idleKeepAliveConnectionIsClosed();
    void connectionCapRefusesAndRecovers();
    void webSocketUpgradeWorksAndIsNotIdleClosed();
    void pipelinedRequestsInOneWriteAreAllAnswered();
    void eachByteIsInspectedExactlyOnce();
};

void TestHttpLimits::normalRequestAndKeepAlive()
{
    auto server = startServer(HttpLimits {});
    QVERIFY(server);
    auto client = connectClient(server->port);
    QVERIFY(client);

    auto first = roundTrip(*client, request("GET", "/hello"));
    QVERIFY(first);
    QCOMPARE(first->status, 200);
    QCOMPARE(first->body, QByteArray("0"));

    auto second = roundTrip(*client, request("POST", "/echo", QByteArray("hello")));
    QVERIFY(second);
    QCOMPARE(second->status, 200);
    QCOMPARE(second->body, QByteArray("5"));
    QCOMPARE(client->state(), QAbstractSocket::ConnectedState);
    QCOMPARE(server->tcp->openConnections(), 1);
}

void TestHttpLimits::bodyAtLimitIsAccepted()
{
    auto server = startServer(HttpLimits {});
    QVERIFY(server);
    auto client = connectClient(server->port);
    QVERIFY(client);

    auto response = roundTrip(*client, request("POST", "/upload", QByteArray(64 * 1024, 'a')));
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, QByteArray::number(64 * 1024));
}

void TestHttpLimits::bodyOverLimitIsRejectedAtOnce()
{
    auto server = startServer(shortTimeouts());
    QVERIFY(server);
    auto client = connectClient(server->port);
    QVERIFY(client);

    const QByteArray text = request("POST", "/upload", QByteArray(64 * 1024 + 1, 'a'));
    // Only the headers: the 413 must come without waiting for the body.
    client->write(text.first(text.indexOf("\r\n\r\n") + 4));
    QByteArray buffer;
    auto response = readResponse(*client, buffer);
    QVERIFY(response);
    QCOMPARE(response->status, 413);
    QCOMPARE(response->header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(response->header("Connection"), QByteArray("close"));
    QCOMPARE(response->errorCode(), QStringLiteral("payload_too_large"));
    QVERIFY(!QJsonDocument::fromJson(response->body)
                 .object()
                 .value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toString()
                 .isEmpty());
    client->write(text.sliced(text.indexOf("\r\n\r\n") + 4));
    QVERIFY(waitForDisconnect(*client, 3000ms));
    QCOMPARE(server->http.handledRequests, 0);
    QTRY_COMPARE(server->tcp->openConnections(), 0);
}

void TestHttpLimits::hugeUploadIsRejectedWithFlatMemory()
{
    auto server = startServer(HttpLimits {});
    QVERIFY(server);
    auto client = connectClient(server->port);
    QVERIFY(client);

    constexpr qint64 total = 10 * 1024 * 1024;
    // One reused chunk: the client never holds the 10 MB, so RSS growth is the server's doing.
    const QByteArray chunk(64 * 1024, 'z');
    QByteArray buffer;
    std::optional<Response> response;
    const qint64 baseline = residentBytes();
    QVERIFY(baseline > 0);
    qint64 peak = baseline;
    qint64 sent = 0;

    client->write(QByteArrayLiteral("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ")
        + QByteArray::number(total) + QByteArrayLiteral("\r\n\r\n"));
    QElapsedTimer timer;
    timer.start();
    // Streams while reading, as a browser would; the server's FIN after the 413 ends it.
    while (client->state() != QAbstractSocket::UnconnectedState && timer.elapsed() < 10000) {
        if (sent < total && client->state() == QAbstractSocket::ConnectedState
            && client->bytesToWrite() < 256 * 1024) {
            const qint64 n = std::min<qint64>(chunk.size(), total - sent);
            client->write(chunk.constData(), n);
            sent += n;
        }
        QCoreApplication::processEvents();
        buffer += client->readAll();
        peak = std::max(peak, residentBytes());
    }
    buffer += client->readAll();
    response = takeResponse(buffer);
    QVERIFY(response);
    QCOMPARE(response->status, 413);
    QCOMPARE(response->errorCode(), QStringLiteral("payload_too_large"));
    QCOMPARE(client->state(), QAbstractSocket::UnconnectedState);
    if (kRssIsMeaningful)
        QVERIFY2(peak - baseline < 5 * 1024 * 1024,
            qPrintable(QStringLiteral("RSS grew by %1 bytes").arg(peak - baseline)));
    QCOMPARE(server->http.handledRequests, 0);
}

namespace {

struct RawUpload
{
    qint64 sent = 0;
    QByteArray received;
    std::atomic<bool> done = false;
};

/// A blocking POSIX client that sends the whole body whatever the server answers: QTcpSocket
/// gives up writing once it reads the server's FIN, so it cannot make the server swallow 10 MB.
void uploadBlocking(quint16 port, QByteArray head, qint64 bodySize, RawUpload *upload)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const timeval timeout {15, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0) {
        const std::vector<char> chunk(64 * 1024, 'z');
        bool ok = ::send(fd, head.constData(), head.size(), MSG_NOSIGNAL) == head.size();
        while (ok && upload->sent < bodySize) {
            const ssize_t n = ::send(fd, chunk.data(),
                std::min<qint64>(chunk.size(), bodySize - upload->sent), MSG_NOSIGNAL);
            ok = n > 0;
            if (ok)
                upload->sent += n;
        }
        char buffer[4096];
        ssize_t n = 0;
        while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0)
            upload->received.append(buffer, n);
    }
    ::close(fd);
    upload->done = true;
}

} // namespace

void TestHttpLimits::hugeUploadIsDrainedNotBuffered()
{
    auto server = startServer(HttpLimits {});
    QVERIFY(server);

    constexpr qint64 total = 10 * 1024 * 1024;
    const qint64 baseline = residentBytes();
    QVERIFY(baseline > 0);
    qint64 peak = baseline;
    RawUpload upload;
    // A named QByteArray: std::thread would otherwise copy a QStringBuilder of temporaries.
    const QByteArray head = QByteArrayLiteral("PUT /upload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                              "Content-Length: ")
        + QByteArray::number(total) + QByteArrayLiteral("\r\n\r\n");
    std::thread client(uploadBlocking, server->port, head, total, &upload);
    QElapsedTimer timer;
    timer.start();
    while (!upload.done && timer.elapsed() < 20000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        peak = std::max(peak, residentBytes());
    }
    client.join();

    qInfo("streamed %lld of %lld bytes; RSS grew by %lld KiB", upload.sent, total,
        (peak - baseline) / 1024);
    auto response = takeResponse(upload.received);
    QVERIFY(response);
    QCOMPARE(response->status, 413);
    QCOMPARE(response->errorCode(), QStringLiteral("payload_too_large"));
    // All 10 MB reached the server (within the linger time) and none of it stayed.
    QCOMPARE(upload.sent, total);
    if (kRssIsMeaningful)
        QVERIFY2(peak - baseline < 5 * 1024 * 1024,
            qPrintable(QStringLiteral("RSS grew by %1 bytes").arg(peak - baseline)));
    QCOMPARE(server->http.handledRequests, 0);
}

void TestHttpLimits::routeBodyLimitAllowsLargerUpload()
{
    HttpLimits limits = shortTimeouts();
    limits.requestTimeout = 5000ms;
    limits.routeBodyLimits.append({"PUT", "/api/users/me/avatar", 2 * 1024 * 1024});
    auto server = startServer(limits);
    QVERIFY(server);

    const QByteArray avatar(1024 * 1024, 'p');
    auto client = connectClient(server->port);
    QVERIFY(client);
    // A body far larger than the default read buffer cap: the cap must follow the route limit.
    auto accepted = roundTrip(*client, request("PUT", "/api/users/me/avatar", avatar));
    QVERIFY(accepted);
    QCOMPARE(accepted->status, 200);
    QCOMPARE(accepted->body, QByteArray::number(avatar.size()));
    // Keep-alive: the next, ordinary request is back under the default limit.
    auto defaultLimit = roundTrip(*client, request("POST", "/api/users/me/avatar", avatar));
    QVERIFY(defaultLimit);
    QCOMPARE(defaultLimit->status, 413);

    auto other = connectClient(server->port);
    QVERIFY(other);
    auto sibling = roundTrip(*other, request("PUT", "/api/users/me/avatars", avatar));
    QVERIFY(sibling);
    QCOMPARE(sibling->status, 413);

    auto third = connectClient(server->port);
    QVERIFY(third);
    auto tooBig = roundTrip(*third,
        request("PUT", "/api/users/me/avatar?size=big", QByteArray(2 * 1024 * 1024 + 1, 'p')));
    QVERIFY(tooBig);
    QCOMPARE(tooBig->status, 413);
}

void TestHttpLimits::oversizedHeadersAreRejected()
{
    auto server = startServer(shortTimeouts());
    QVERIFY(server);

    auto fits = connectClient(server->port);
    QVERIFY(fits);
    auto accepted = roundTrip(*fits,
        request("GET", "/", {}, QByteArray("X-Padding: " + QByteArray(15 * 1024, 'h') + "\r\n")));
    QVERIFY(accepted);
    QCOMPARE(accepted->status, 200);

    auto client = connectClient(server->port);
    QVERIFY(client);
    auto response = roundTrip(*client,
        request("GET", "/", {}, QByteArray("X-Padding: " + QByteArray(17 * 1024, 'h') + "\r\n")));
    QVERIFY(response);
    QCOMPARE(response->status, 431);
    QCOMPARE(response->errorCode(), QStringLiteral("headers_too_large"));
    QVERIFY(waitForDisconnect(*client, 3000ms));

    // Without a header end at all, the limit still holds.
    auto endless = connectClient(server->port);
    QVERIFY(endless);
    auto endlessResponse =
        roundTrip(*endless, "GET /" + QByteArray(20 * 1024, 'u') + " HTTP/1.1\r\n");
    QVERIFY(endlessResponse);
    QCOMPARE(endlessResponse->status, 431);
    QCOMPARE(server->http.handledRequests, 1);
}

void TestHttpLimits::ambiguousFramingIsRejected_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const QString lengthRequired = QStringLiteral("length_required");
    const QString badRequest = QStringLiteral("bad_request");

    QTest::newRow("chunked") << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: "
                                           "chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
                             << 411 << lengthRequired;
    QTest::newRow("te and cl") << QByteArray("POST /x HTTP/1.1\r\nContent-Length: 5\r\n"
                                             "Transfer-Encoding: gzip\r\n\r\nhello")
                               << 411 << lengthRequired;
    QTest::newRow("garbage") << QByteArray("HELLO THERE\r\n\r\n") << 400 << badRequest;
    QTest::newRow("unknown method") << QByteArray("BREW / HTTP/1.1\r\n\r\n") << 400 << badRequest;
    QTest::newRow("bad version") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 400 << badRequest;
    QTest::newRow("two content-lengths")
        << QByteArray("POST /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab") << 400
        << badRequest;
    QTest::newRow("content-length list")
        << QByteArray("POST /x HTTP/1.1\r\nContent-Length: 2, 2\r\n\r\nab") << 400 << badRequest;
    QTest::newRow("negative content-length")
        << QByteArray("POST /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400 << badRequest;
    QTest::newRow("bare lf") << QByteArray("GET / HTTP/1.1\nHost: a\r\n\r\n") << 400 << badRequest;
    QTest::newRow("folded header")
        << QByteArray("GET / HTTP/1.1\r\nX-A: b\r\n c\r\n\r\n") << 400 << badRequest;
    QTest::newRow("space before colon")
        << QByteArray("GET / HTTP/1.1\r\nContent-Length : 3\r\n\r\nabc") << 400 << badRequest;
    QTest::newRow("non-websocket upgrade")
        << QByteArray("GET / HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n") << 400
        << badRequest;
}

void TestHttpLimits::ambiguousFramingIsRejected()
{
    QFETCH(QByteArray, text);
    QFETCH(int, status);
    QFETCH(QString, code);
    auto server = startServer(shortTimeouts());
    QVERIFY(server);
    auto client = connectClient(server->port);
    QVERIFY(client);

    auto response = roundTrip(*client, text);
    QVERIFY(response);
    QCOMPARE(response->status, status);
    QCOMPARE(response->errorCode(), code);
    QVERIFY(waitForDisconnect(*client, 3000ms));
    QCOMPARE(server->http.handledRequests, 0);
}

namespace {

/// Sends `text` one byte every `interval` until the server closes; returns how long that took.
std::optional<std::chrono::milliseconds> trickleUntilClosed(QTcpSocket &client,
    const QByteArray &text, std::chrono::milliseconds interval, std::chrono::milliseconds limit,
    QByteArray *received)
{
    QElapsedTimer timer;
    timer.start();
    qsizetype next = 0;
    QElapsedTimer sinceByte;
    sinceByte.start();
    client.write(text.first(1));
    ++next;
    while (client.state() != QAbstractSocket::UnconnectedState) {
        if (std::chrono::milliseconds(timer.elapsed()) > limit)
            return std::nullopt;
        if (std::chrono::milliseconds(sinceByte.elapsed()) >= interval && next < text.size()) {
            client.write(text.sliced(next++, 1));
            sinceByte.restart();
        }
        *received += client.readAll();
        QTest::qWait(10);
    }
    *received += client.readAll();
    return std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::milliseconds(timer.elapsed()));
}

} // namespace

void TestHttpLimits::tricklingClientIsCutOffAfterRequestTimeout()
{
    HttpLimits limits = shortTimeouts();
    limits.idleTimeout = 30000ms; // so only the request timeout can explain the close
    auto server = startServer(limits);
    QVERIFY(server);
    auto client = connectClient(server->port);
    QVERIFY(client);

    QByteArray received;
    const auto took =
        trickleUntilClosed(*client, request("GET", "/slow"), 500ms, 5000ms, &received);
    QVERIFY(took);
    QVERIFY2(*took >= 900ms && *took < 2500ms, qPrintable(QString::number(took->count())));
    auto response = takeResponse(received);
    QVERIFY(response);
    QCOMPARE(response->status, 408);
    QCOMPARE(server->http.handledRequests, 0);
}

void TestHttpLimits::tricklingClientIsCutOffAfterDefaultRequestTimeout()
{
    const HttpLimits defaults;
    QCOMPARE(defaults.requestTimeout, 10000ms);
    auto server = startServer(defaults);
    QVERIFY(server);
    auto client = connectClient(server->port);
    QVERIFY(client);

    QByteArray received;
    const auto took =
        trickleUntilClosed(*client, request("GET", "/slow"), 500ms, 15000ms, &received);
    QVERIFY(took);
    QVERIFY2(*took >= 9900ms && *took < 12000ms, qPrintable(QString::number(took->count())));
    auto response = takeResponse(received);
    QVERIFY(response);
    QCOMPARE(response->status, 408);
}

void TestHttpLimits::idleKeepAliveConnectionIsClosed()
{
    HttpLimits limits = shortTimeouts();
    limits.requestTimeout = 30000ms;
    auto server = startServer(limits);
    QVERIFY(server);
    auto client = connectClient(server->port);
    QVERIFY(client);

    auto response = roundTrip(*client, request("GET", "/"));
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(waitForDisconnect(*client, 3000ms));
    QVERIFY2(timer.elapsed() >= 900, qPrintable(QString::number(timer.elapsed())));
    QTRY_COMPARE(server->tcp->openConnections(), 0);
}

void TestHttpLimits::connectionCapRefusesAndRecovers()
{
    HttpLimits limits = shortTimeouts();
    limits.idleTimeout = 30000ms;
    limits.maxConnections = 3;
    auto server = startServer(limits);
    QVERIFY(server);

    std::vector<std::unique_ptr<QTcpSocket>> open;
    for (int i = 0; i < 3; ++i) {
        open.push_back(connectClient(server->port));
        QVERIFY(open.back());
        auto response = roundTrip(*open.back(), request("GET", "/"));
        QVERIFY(response);
        QCOMPARE(response->status, 200);
    }
    QCOMPARE(server->tcp->openConnections(), 3);

    auto fourth = connectClient(server->port);
    QVERIFY(fourth);
    auto refused = roundTrip(*fourth, request("GET", "/"));
    QVERIFY(refused);
    QCOMPARE(refused->status, 503);
    QCOMPARE(refused->errorCode(), QStringLiteral("server_busy"));
    QVERIFY(waitForDisconnect(*fourth, 3000ms));
    QCOMPARE(server->tcp->openConnections(), 3);

    open.front()->disconnectFromHost();
    QTRY_COMPARE(server->tcp->openConnections(), 2);
    auto fifth = connectClient(server->port);
    QVERIFY(fifth);
    auto accepted = roundTrip(*fifth, request("GET", "/"));
    QVERIFY(accepted);
    QCOMPARE(accepted->status, 200);
    QCOMPARE(server->tcp->openConnections(), 3);
}

void TestHttpLimits::webSocketUpgradeWorksAndIsNotIdleClosed()
{
    auto server = startServer(shortTimeouts());
    QVERIFY(server);

    QWebSocket ws;
    QStringList received;
    QObject::connect(&ws, &QWebSocket::textMessageReceived,
        [&received](const QString &text) { received.append(text); });
    ws.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(server->port)));
    QTRY_COMPARE(ws.state(), QAbstractSocket::ConnectedState);
    ws.sendTextMessage(QStringLiteral("one"));
    QTRY_COMPARE(received, QStringList {QStringLiteral("echo:one")});
    QCOMPARE(server->tcp->openConnections(), 1);

    // Well past idle (1 s), request (1 s) and linger timeouts.
    QTest::qWait(2500);
    QCOMPARE(ws.state(), QAbstractSocket::ConnectedState);
    ws.sendTextMessage(QStringLiteral("two"));
    QTRY_COMPARE(received.size(), 2);
    QCOMPARE(received.last(), QStringLiteral("echo:two"));
    QCOMPARE(server->tcp->openConnections(), 1);

    // The server-side QWebSocket disposes of its socket once closed; the count follows.
    ws.close();
    QTRY_COMPARE(server->tcp->openConnections(), 0);
}

void TestHttpLimits::pipelinedRequestsInOneWriteAreAllAnswered()
{
    auto server = startServer(HttpLimits {});
    QVERIFY(server);
    auto client = connectClient(server->port);
    QVERIFY(client);

    const QByteArray text = request("POST", "/a", QByteArray("abc")) + request("GET", "/b")
        + request("POST", "/c", QByteArray(1000, 'c'));
    client->write(text);
    QByteArray buffer;
    QList<QByteArray> bodies;
    for (int i = 0; i < 3; ++i) {
        auto response = readResponse(*client, buffer);
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        bodies.append(response->body);
    }
    QCOMPARE(bodies, (QList<QByteArray> {"3", "0", "1000"}));
    QCOMPARE(server->tcp->requestsInspected(), 3);
    QCOMPARE(server->tcp->bytesInspected(), text.size());
}

void TestHttpLimits::eachByteIsInspectedExactlyOnce()
{
    auto server = startServer(HttpLimits {});
    QVERIFY(server);
    auto client = connectClient(server->port);
    QVERIFY(client);

    // Requests cut at awkward places: inside the request line, inside "\r\n\r\n", inside a
    // body, and with the next request's first bytes riding on the previous one's last piece.
    const QList<QByteArray> requests = {
        request("POST", "/one", QByteArray("0123456789")),
        request("GET", "/two"),
        request("PUT", "/three", QByteArray(3000, 't')),
        request("GET", "/four"),
        request("POST", "/five", QByteArray("x")),
    };
    QByteArray stream;
    for (const QByteArray &r : requests)
        stream += r;
    const QList<qsizetype> cuts = {3, 5, 40, 41, 42, 70, 71, 200, 2000, 3100, 3101, 3150};

    QByteArray buffer;
    QList<QByteArray> bodies;
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        client->write(stream.sliced(from, cut - from));
        from = cut;
        // Let each piece arrive on its own, so the server sees one readyRead per piece.
        QTest::qWait(20);
        buffer += client->readAll();
        while (auto response = takeResponse(buffer))
            bodies.append(response->body);
    }
    client->write(stream.sliced(from));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            buffer += client->readAll();
            while (auto response = takeResponse(buffer))
                bodies.append(response->body);
            return bodies.size() == requests.size();
        }(),
        5000);
    QCOMPARE(bodies, (QList<QByteArray> {"10", "0", "3000", "0", "1"}));
    QCOMPARE(server->tcp->requestsInspected(), requests.size());
    QCOMPARE(server->tcp->bytesInspected(), stream.size());
    QCOMPARE(server->http.handledRequests, requests.size());
}

QTEST_GUILESS_MAIN(TestHttpLimits)
#include "tst_httplimits.moc"
