// Confab through a real TLS reverse proxy (nginx or Caddy with the configurations in
// packaging/), as scripts/check-proxies.sh sets them up in front of a real confab-server:
// sign-in, a WebSocket event and a message round trip over HTTPS and WSS, and the proxy's
// body limit. The script names the proxy in CONFAB_TEST_PROXY_URL and its certificate in
// CONFAB_TEST_PROXY_CA; without them the test has nothing to talk to and skips.
#include "tests/support/apiclient.h"
#include "tests/support/wsprobe.h"

#include <QDateTime>
#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTest>

using namespace Confab::Testing;

class TestReverseProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signInEventAndMessageRoundTrip();
    void oversizedBodyIsRefusedByTheProxy();
    void plainHttpToTheTlsPortFails();

private:
    QUrl m_proxy;
};

void TestReverseProxy::initTestCase()
{
    const QByteArray url = qgetenv("CONFAB_TEST_PROXY_URL");
    if (url.isEmpty())
        QSKIP("CONFAB_TEST_PROXY_URL is not set: this test runs from scripts/check-proxies.sh, "
              "which starts nginx and Caddy in front of confab-server.");
    m_proxy = QUrl(QString::fromUtf8(url));
    QVERIFY2(m_proxy.isValid() && m_proxy.scheme() == QLatin1String("https"), url.constData());

    // Trust the throwaway certificate the script made, and nothing else is needed.
    const QString caPath = qEnvironmentVariable("CONFAB_TEST_PROXY_CA");
    QFile caFile(caPath);
    QVERIFY2(caFile.open(QIODevice::ReadOnly), qPrintable(caPath));
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(caFile.readAll());
    QVERIFY(!certificates.isEmpty());
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(certificates);
    QSslConfiguration::setDefaultConfiguration(configuration);

    const ApiReply health = ApiClient(m_proxy).get(QStringLiteral("/api/health"));
    QVERIFY2(health.status == 200,
        qPrintable(QStringLiteral("GET /api/health through %1: status %2 %3")
                       .arg(m_proxy.toString())
                       .arg(health.status)
                       .arg(QString::fromUtf8(health.body.left(200)))));
}

void TestReverseProxy::signInEventAndMessageRoundTrip()
{
    ApiClient client(m_proxy);
    // The server behind the proxies is shared by their runs: unique names per run.
    const QString suffix = QString::number(QDateTime::currentMSecsSinceEpoch() % 100000000);
    const QString password = QStringLiteral("through the proxy");
    const QString aliceName = QStringLiteral("alice") + suffix;
    const QString bobName = QStringLiteral("bob") + suffix;
    const ApiReply alice = client.post(QStringLiteral("/api/auth/register"),
        {{QStringLiteral("username"), aliceName}, {QStringLiteral("password"), password}});
    QCOMPARE(alice.status, 201);
    const ApiReply bob = client.post(QStringLiteral("/api/auth/register"),
        {{QStringLiteral("username"), bobName}, {QStringLiteral("password"), password}});
    QCOMPARE(bob.status, 201);
    const ApiReply login = client.post(QStringLiteral("/api/auth/login"),
        {{QStringLiteral("username"), aliceName}, {QStringLiteral("password"), password}});
    QCOMPARE(login.status, 200);
    const QString aliceToken = login.json.value(QStringLiteral("accessToken")).toString();
    const QString bobToken = bob.json.value(QStringLiteral("accessToken")).toString();

    // Bob listens on the WebSocket, upgraded through the proxy over TLS.
    QUrl wsUrl = m_proxy;
    wsUrl.setScheme(QStringLiteral("wss"));
    wsUrl.setPath(QStringLiteral("/ws"));
    WsProbe bobSocket;
    QVERIFY2(bobSocket.openReady(wsUrl, bobToken),
        qPrintable(QStringLiteral("no READY over %1: %2")
                       .arg(wsUrl.toString(), bobSocket.socket().errorString())));

    const ApiReply conversation = client.post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"),
            QJsonArray {bob.json[QStringLiteral("user")][QStringLiteral("id")]}}},
        aliceToken);
    QCOMPARE(conversation.status, 201);
    const QString path = QStringLiteral("/api/conversations/%1/messages")
                             .arg(conversation.json.value(QStringLiteral("id")).toInteger());
    const ApiReply sent = client.post(
        path, {{QStringLiteral("content"), QStringLiteral("hello through the proxy")}}, aliceToken);
    QCOMPARE(sent.status, 201);

    const QJsonObject event = bobSocket.waitFor(QStringLiteral("MESSAGE_CREATED"), 15000);
    QVERIFY2(!event.isEmpty(), "MESSAGE_CREATED did not arrive over the proxied WebSocket");
    QCOMPARE(event[QStringLiteral("payload")][QStringLiteral("message")][QStringLiteral("content")]
                 .toString(),
        QStringLiteral("hello through the proxy"));

    // Bob answers over the WebSocket's sibling, the REST API, and Alice reads it back.
    QCOMPARE(client.post(path, {{QStringLiteral("content"), QStringLiteral("heard you")}}, bobToken)
                 .status,
        201);
    QVERIFY(!bobSocket.waitFor(QStringLiteral("MESSAGE_CREATED"), 15000).isEmpty());
    const ApiReply history = client.get(path, aliceToken);
    QCOMPARE(history.status, 200);
    const QJsonArray messages = history.json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 2);
    QStringList contents;
    for (const QJsonValue &message : messages)
        contents << message[QStringLiteral("content")].toString();
    contents.sort();
    QCOMPARE(contents,
        QStringList({QStringLiteral("heard you"), QStringLiteral("hello through the proxy")}));
}

void TestReverseProxy::oversizedBodyIsRefusedByTheProxy()
{
    ApiClient client(m_proxy);
    const QByteArray body = "{\"username\":\"" + QByteArray(100 * 1024, 'x') + "\"}";
    const ApiReply reply = client.postRaw(QStringLiteral("/api/auth/register"), body);
    QCOMPARE(reply.status, 413);
    // The proxy's own answer, not the server's JSON error: the body never reached the server.
    QVERIFY2(reply.errorCode().isEmpty(), reply.body.left(200).constData());
    // Under the limit, the request reaches the server, which answers with its own error.
    const ApiReply small = client.postRaw(QStringLiteral("/api/auth/register"), "{}");
    QCOMPARE(small.status, 400);
    QVERIFY(!small.errorCode().isEmpty());
}

void TestReverseProxy::plainHttpToTheTlsPortFails()
{
    QUrl plain = m_proxy;
    plain.setScheme(QStringLiteral("http"));
    const ApiReply reply = ApiClient(plain).get(QStringLiteral("/api/health"));
    QVERIFY2(reply.status != 200, "the proxy answered plain HTTP on its TLS port");
}

QTEST_GUILESS_MAIN(TestReverseProxy)
#include "tst_reverseproxy.moc"
