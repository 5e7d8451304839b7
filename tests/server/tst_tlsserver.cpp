// The server over TLS, against real sockets: the generated self-signed certificate, loading
// credentials, HTTPS on the guarded port with its limits, a plain-text client on the TLS port,
// and a client that never finishes its handshake.
#include "server/core/http/guardedtcpserver.h"
#include "server/core/tls/selfsignedcertificate.h"
#include "server/core/tls/tlscredentials.h"
#include "tests/support/testserver.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Confab;
using namespace Confab::Server;
using namespace Confab::Testing;

namespace {

struct HttpReply
{
    int status = 0;
    QJsonObject json;
    QByteArray raw;
};

// One complete HTTP/1.1 response (Content-Length framed) out of `bytes`, if there is one.
std::optional<HttpReply> parseReply(const QByteArray &bytes)
{
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    const QByteArray head = bytes.left(end);
    qsizetype length = 0;
    for (const QByteArray &line : head.split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    }
    if (bytes.size() < end + 4 + length)
        return std::nullopt;
    HttpReply reply;
    reply.raw = bytes;
    reply.status = head.mid(9, 3).toInt();
    reply.json = QJsonDocument::fromJson(bytes.mid(end + 4, length)).object();
    return reply;
}

/// A TLS client that trusts exactly `certificate`, driven by the event loop (the server runs
/// on this thread too).
class TlsClient
{
public:
    explicit TlsClient(const QSslCertificate &certificate)
    {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates({certificate});
        m_socket.setSslConfiguration(configuration);
        QObject::connect(&m_socket, &QIODevice::readyRead, &m_socket,
            [this] { m_received += m_socket.readAll(); });
    }

    bool connect(quint16 port)
    {
        m_socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        (void)QTest::qWaitFor(
            [this] {
                return m_socket.isEncrypted()
                    || m_socket.state() == QAbstractSocket::UnconnectedState;
            },
            10000);
        return m_socket.isEncrypted();
    }

    std::optional<HttpReply> exchange(const QByteArray &request)
    {
        m_received.clear();
        m_socket.write(request);
        std::optional<HttpReply> reply;
        (void)QTest::qWaitFor(
            [&] {
                reply = parseReply(m_received);
                return reply.has_value() || m_socket.state() == QAbstractSocket::UnconnectedState;
            },
            10000);
        return parseReply(m_received);
    }

    QSslSocket &socket() { return m_socket; }
    /// For failure messages: what the socket saw.
    QString describe() const
    {
        return QStringLiteral("%1; received \"%2\"")
            .arg(m_socket.errorString(), QString::fromLatin1(m_received.left(200)));
    }
    QString errorString() const { return m_socket.errorString(); }

private:
    QSslSocket m_socket;
    QByteArray m_received;
};

QByteArray healthRequest()
{
    return QByteArrayLiteral("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
}

QByteArray loginRequest(const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return QByteArrayLiteral("POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Content-Type: application/json\r\nContent-Length: ")
        + QByteArray::number(body.size()) + QByteArrayLiteral("\r\n") + extraHeaders
        + QByteArrayLiteral("\r\n") + body;
}

QSslCertificate certificateIn(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QSslCertificate();
    return QSslCertificate(file.readAll(), QSsl::Pem);
}

} // namespace

class TestTlsServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void selfSignedCertificateIsMadeOnceAndReused();
    void credentialsThatCannotServeAreRefused_data();
    void credentialsThatCannotServeAreRefused();
    void servesHttpsOnTheGuardedPort();
    void plainTextClientIsCutOffAndOthersAreServed();
    void slowHandshakeIsCutOff();
    void headerAndBodyLimitsHoldOverTls();
    void connectionLimitCountsHandshakes();

private:
    void startServer(std::chrono::milliseconds handshakeTimeout = std::chrono::seconds(10));

    QTemporaryDir m_directory;
    std::unique_ptr<SelfSignedCertificate> m_certificate;
    QSslCertificate m_served;
    TestServer m_server;
};

void TestTlsServer::initTestCase()
{
    QVERIFY(QSslSocket::supportsSsl());
    QVERIFY(m_directory.isValid());
    Result<SelfSignedCertificate> made =
        SelfSignedCertificate::ensure(m_directory.filePath(QStringLiteral("tls")));
    QVERIFY2(made, qPrintable(made ? QString() : made.error().message));
    m_certificate = std::make_unique<SelfSignedCertificate>(*made);
    m_served = certificateIn(made->certificateFile());
    QVERIFY(!m_served.isNull());
}

void TestTlsServer::startServer(std::chrono::milliseconds handshakeTimeout)
{
    TlsSettings tls;
    tls.certificateFile = m_certificate->certificateFile();
    tls.keyFile = m_certificate->keyFile();
    tls.handshakeTimeout = handshakeTimeout;
    m_server.setTlsSettings(tls);
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    QVERIFY(m_server.server().isTls());
}

void TestTlsServer::selfSignedCertificateIsMadeOnceAndReused()
{
    const QString directory = m_directory.filePath(QStringLiteral("reuse"));
    Result<SelfSignedCertificate> first = SelfSignedCertificate::ensure(directory);
    QVERIFY(first);
    QVERIFY(first->created());
    QCOMPARE(QFile::permissions(first->keyFile())
            & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                | QFileDevice::WriteOther),
        QFileDevice::Permissions());

    const QSslCertificate certificate = certificateIn(first->certificateFile());
    QVERIFY(!certificate.isNull());
    QVERIFY(certificate.isSelfSigned());
    const auto names = certificate.subjectAlternativeNames();
    QVERIFY(names.values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
    QVERIFY(names.values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
    QCOMPARE(certificate.publicKey().algorithm(), QSsl::Ec);

    Result<TlsCredentials> loaded =
        TlsCredentials::load(first->certificateFile(), first->keyFile());
    QVERIFY(loaded);
    const QString fingerprint = loaded->fingerprint();
    QCOMPARE(fingerprint.size(), 32 * 3 - 1);
    QCOMPARE(fingerprint,
        QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper()));

    // A second start finds the pair and keeps it: pinned clients go on trusting the server.
    Result<SelfSignedCertificate> second = SelfSignedCertificate::ensure(directory);
    QVERIFY(second);
    QVERIFY(!second->created());
    QCOMPARE(certificateIn(second->certificateFile()), certificate);

    // Half a pair is of no use: both are made anew.
    QVERIFY(QFile::remove(second->certificateFile()));
    Result<SelfSignedCertificate> third = SelfSignedCertificate::ensure(directory);
    QVERIFY(third);
    QVERIFY(third->created());
    QVERIFY(certificateIn(third->certificateFile()) != certificate);
}

void TestTlsServer::credentialsThatCannotServeAreRefused_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");

    const QString other = m_directory.filePath(QStringLiteral("other"));
    QVERIFY(SelfSignedCertificate::ensure(other));
    const QString garbage = m_directory.filePath(QStringLiteral("garbage.pem"));
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a certificate\n");
    file.close();

    QTest::newRow("missing certificate")
        << m_directory.filePath(QStringLiteral("nowhere.pem")) << m_certificate->keyFile()
        << QStringLiteral("Cannot read the TLS certificate file");
    QTest::newRow("missing key") << m_certificate->certificateFile()
                                 << m_directory.filePath(QStringLiteral("nowhere.pem"))
                                 << QStringLiteral("Cannot read the TLS key file");
    QTest::newRow("not a certificate")
        << garbage << m_certificate->keyFile() << QStringLiteral("holds no PEM certificate");
    QTest::newRow("not a key") << m_certificate->certificateFile() << garbage
                               << QStringLiteral("holds no unencrypted PEM");
    QTest::newRow("key of another certificate")
        << m_certificate->certificateFile() << other + QStringLiteral("/server-key.pem")
        << QStringLiteral("does not belong to the certificate");
}

void TestTlsServer::credentialsThatCannotServeAreRefused()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    Result<TlsCredentials> loaded = TlsCredentials::load(certificate, key);
    QVERIFY(!loaded);
    QVERIFY2(loaded.error().message.contains(expected), qPrintable(loaded.error().message));
    QVERIFY(!loaded.error().message.contains(QLatin1Char('\n')));

    // The server refuses to start with them, with the same one-line reason.
    ServerSettings settings;
    settings.database = m_server.database().config();
    settings.jwtSecret = m_server.jwtSecret();
    settings.listenPort = 0;
    settings.tls.certificateFile = certificate;
    settings.tls.keyFile = key;
    Result<std::unique_ptr<ChatServer>> server = ChatServer::create(settings);
    QVERIFY(!server);
    QCOMPARE(server.error().message, loaded.error().message);
}

void TestTlsServer::servesHttpsOnTheGuardedPort()
{
    startServer();
    QCOMPARE(m_server.httpUrl().scheme(), QStringLiteral("https"));
    QCOMPARE(m_server.server().certificateFingerprint(),
        QString::fromLatin1(m_served.digest(QCryptographicHash::Sha256).toHex(':').toUpper()));

    TlsClient client(m_served);
    QVERIFY2(client.connect(m_server.port()), qPrintable(client.errorString()));
    QVERIFY(client.socket().sslHandshakeErrors().isEmpty()); // the SANs name 127.0.0.1
    // Two requests on one kept-alive TLS connection.
    for (int i = 0; i < 2; ++i) {
        std::optional<HttpReply> reply = client.exchange(healthRequest());
        QVERIFY(reply);
        QCOMPARE(reply->status, 200);
        QCOMPARE(reply->json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    }
}

void TestTlsServer::plainTextClientIsCutOffAndOthersAreServed()
{
    startServer();
    QTcpSocket plain;
    QByteArray received;
    connect(&plain, &QIODevice::readyRead, &plain, [&] { received += plain.readAll(); });
    plain.connectToHost(QHostAddress::LocalHost, m_server.port());
    QTRY_COMPARE_WITH_TIMEOUT(plain.state(), QAbstractSocket::ConnectedState, 10000);
    plain.write(loginRequest(R"({"username":"alice","password":"correct horse"})"));
    QTRY_COMPARE_WITH_TIMEOUT(plain.state(), QAbstractSocket::UnconnectedState, 10000);
    // At most a TLS alert came back: never an HTTP answer, nothing served in the clear.
    QVERIFY2(!received.contains("HTTP/"), received.constData());
    QVERIFY(!received.contains("accessToken"));

    TlsClient client(m_served);
    QVERIFY2(client.connect(m_server.port()), qPrintable(client.errorString()));
    std::optional<HttpReply> reply = client.exchange(healthRequest());
    QVERIFY(reply);
    QCOMPARE(reply->status, 200);
}

void TestTlsServer::slowHandshakeIsCutOff()
{
    startServer(std::chrono::milliseconds(300));
    // Connects, then never says a word: the handshake deadline closes the connection.
    QTcpSocket silent;
    silent.connectToHost(QHostAddress::LocalHost, m_server.port());
    QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QAbstractSocket::ConnectedState, 10000);
    // Half a ClientHello record header, then silence.
    silent.write(QByteArray::fromHex("160301"));
    QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QAbstractSocket::UnconnectedState, 10000);

    // A prompt client on the same server is unaffected.
    TlsClient client(m_served);
    QVERIFY2(client.connect(m_server.port()), qPrintable(client.errorString()));
    std::optional<HttpReply> reply = client.exchange(healthRequest());
    QVERIFY(reply);
    QCOMPARE(reply->status, 200);
}

void TestTlsServer::headerAndBodyLimitsHoldOverTls()
{
    startServer();
    {
        TlsClient client(m_served);
        QVERIFY2(client.connect(m_server.port()), qPrintable(client.errorString()));
        const QByteArray hugeHeader =
            QByteArrayLiteral("X-Filler: ") + QByteArray(20 * 1024, 'a') + "\r\n";
        std::optional<HttpReply> reply = client.exchange(loginRequest("{}", hugeHeader));
        QVERIFY2(reply, qPrintable(client.describe()));
        QCOMPARE(reply->status, 431);
        QCOMPARE(reply->json.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
            QStringLiteral("headers_too_large"));
        QTRY_COMPARE_WITH_TIMEOUT(
            client.socket().state(), QAbstractSocket::UnconnectedState, 10000);
    }
    {
        TlsClient client(m_served);
        QVERIFY2(client.connect(m_server.port()), qPrintable(client.errorString()));
        const QByteArray hugeBody = "{\"username\":\"" + QByteArray(100 * 1024, 'a') + "\"}";
        std::optional<HttpReply> reply = client.exchange(loginRequest(hugeBody));
        QVERIFY2(reply, qPrintable(client.describe()));
        QCOMPARE(reply->status, 413);
        QCOMPARE(reply->json.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
            QStringLiteral("payload_too_large"));
    }
}

void TestTlsServer::connectionLimitCountsHandshakes()
{
    Result<TlsCredentials> credentials =
        TlsCredentials::load(m_certificate->certificateFile(), m_certificate->keyFile());
    QVERIFY(credentials);
    HttpLimits limits;
    limits.maxConnections = 1;
    GuardedTcpServer server(limits);
    server.setTlsConfiguration(credentials->serverConfiguration());
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));

    // A connection still in its handshake already takes the only place.
    QTcpSocket handshaking;
    handshaking.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 1, 10000);

    TlsClient refused(m_served);
    QVERIFY(!refused.connect(server.serverPort()));
    QCOMPARE(refused.socket().state(), QAbstractSocket::UnconnectedState);

    handshaking.abort();
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 0, 10000);
    TlsClient admitted(m_served);
    QVERIFY2(admitted.connect(server.serverPort()), qPrintable(admitted.describe()));
    QCOMPARE(server.openConnections(), 1);
}

QTEST_GUILESS_MAIN(TestTlsServer)
#include "tst_tlsserver.moc"
