// Who may call what: access tokens on REST routes and on the WebSocket.
#include "server/core/auth/tokenservice.h"
#include "tests/support/testserver.h"
#include "tests/support/wsprobe.h"

#include <QTest>

#include <jwt.h>

using namespace Confab::Testing;
using Confab::Server::TokenService;

namespace {
QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString signWith(jwt_alg_t alg, const QByteArray &secret, qint64 userId, qint64 expiresAt)
{
    jwt_t *jwt = nullptr;
    jwt_new(&jwt);
    jwt_add_grant(jwt, "sub", QByteArray::number(userId).constData());
    jwt_add_grant_int(jwt, "exp", long(expiresAt));
    jwt_set_alg(
        jwt, alg, reinterpret_cast<const unsigned char *>(secret.constData()), int(secret.size()));
    char *encoded = jwt_encode_str(jwt);
    const QString token = QString::fromLatin1(encoded);
    free(encoded);
    jwt_free(jwt);
    return token;
}
} // namespace

class TestAccess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void protectedRoutesRefuseBadTokens_data();
    void protectedRoutesRefuseBadTokens();
    void validTokenIsAccepted();
    void webSocketWithHeaderToken();
    void webSocketWithBadHeaderTokenIsRefused();
    void webSocketWithAuthFrame();
    void webSocketWithBadAuthFrameIsClosed();
    void webSocketWithoutAuthIsClosedAfterTenSeconds();
    void unknownFramesGetAnErrorAndKeepTheConnection();

private:
    QMap<QString, QString> badTokens() const;

    TestServer m_server;
    std::unique_ptr<ApiClient> m_client;
    TestUser m_user;
};

void TestAccess::initTestCase()
{
    QString error;
    QVERIFY2(startWithUsers(m_server, m_client, {{QStringLiteral("keyholder"), &m_user}}, &error),
        qPrintable(error));
}

QMap<QString, QString> TestAccess::badTokens() const
{
    const QByteArray secret = m_server.jwtSecret();
    const qint64 future = QDateTime::currentSecsSinceEpoch() + 3600;
    QMap<QString, QString> tokens;
    tokens.insert(QStringLiteral("missing"), QString());
    tokens.insert(QStringLiteral("garbage"), QStringLiteral("not-a-token"));
    // Issued in the past by the real service: expired a quarter of an hour ago.
    TokenService service(secret);
    tokens.insert(QStringLiteral("expired"),
        service.issue(m_user.id, QDateTime::currentDateTimeUtc().addSecs(-1800)));
    // A valid token whose payload was changed to another user: the signature no longer fits.
    const QString valid = service.issue(m_user.id, QDateTime::currentDateTimeUtc());
    const QStringList parts = valid.split(QLatin1Char('.'));
    const QByteArray forgedPayload = base64Url(
        QStringLiteral("{\"sub\":\"%1\",\"exp\":%2}").arg(m_user.id + 1).arg(future).toUtf8());
    tokens.insert(QStringLiteral("tampered"),
        parts.at(0) + QLatin1Char('.') + QString::fromLatin1(forgedPayload) + QLatin1Char('.')
            + parts.at(2));
    // An unsigned token.
    const QByteArray noneHeader =
        base64Url(QByteArrayLiteral("{\"alg\":\"none\",\"typ\":\"JWT\"}"));
    const QByteArray nonePayload = base64Url(
        QStringLiteral("{\"sub\":\"%1\",\"exp\":%2}").arg(m_user.id).arg(future).toUtf8());
    tokens.insert(
        QStringLiteral("alg none"), QString::fromLatin1(noneHeader + '.' + nonePayload + '.'));
    // The right key with another algorithm.
    tokens.insert(QStringLiteral("HS512"), signWith(JWT_ALG_HS512, secret, m_user.id, future));
    // The right algorithm with another key.
    tokens.insert(QStringLiteral("wrong key"),
        signWith(JWT_ALG_HS256, QByteArrayLiteral("another-secret-of-sufficient-length-000"),
            m_user.id, future));
    return tokens;
}

void TestAccess::protectedRoutesRefuseBadTokens_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    const QList<QPair<QByteArray, QString>> routes {
        {"GET", QStringLiteral("/api/users/me")},
        {"GET", QStringLiteral("/api/users/1")},
        {"GET", QStringLiteral("/api/users?query=ke")},
        {"GET", QStringLiteral("/api/conversations")},
        {"POST", QStringLiteral("/api/conversations")},
        {"GET", QStringLiteral("/api/conversations/1")},
        {"GET", QStringLiteral("/api/conversations/1/messages")},
        {"POST", QStringLiteral("/api/conversations/1/messages")},
    };
    for (const auto &[method, path] : routes)
        QTest::newRow(qPrintable(QString::fromLatin1(method) + QLatin1Char(' ') + path))
            << method << path;
}

void TestAccess::protectedRoutesRefuseBadTokens()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    const QMap<QString, QString> tokens = badTokens();
    for (auto it = tokens.cbegin(); it != tokens.cend(); ++it) {
        const ApiReply reply = m_client->send(method, path, QByteArrayLiteral("{}"), it.value());
        QVERIFY2(reply.status == 401,
            qPrintable(it.key() + QStringLiteral(": ") + QString::number(reply.status)));
        QCOMPARE(reply.errorCode(), QStringLiteral("unauthorized"));
    }
}

void TestAccess::validTokenIsAccepted()
{
    const ApiReply reply = m_client->get(QStringLiteral("/api/users/me"), m_user.accessToken);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("id")).toInteger(), m_user.id);
}

void TestAccess::webSocketWithHeaderToken()
{
    WsProbe probe;
    QVERIFY(probe.open(m_server.wsUrl(), m_user.accessToken));
    const QJsonObject ready = probe.waitFor(QStringLiteral("READY"));
    QVERIFY(!ready.isEmpty());
    const QJsonObject user = ready[QStringLiteral("payload")][QStringLiteral("user")].toObject();
    QCOMPARE(user.value(QStringLiteral("id")).toInteger(), m_user.id);
    QCOMPARE(user.value(QStringLiteral("online")).toBool(), true);
}

void TestAccess::webSocketWithBadHeaderTokenIsRefused()
{
    const QMap<QString, QString> tokens = badTokens();
    for (auto it = tokens.cbegin(); it != tokens.cend(); ++it) {
        if (it.value().isEmpty())
            continue; // no header means "AUTH frame follows"
        WsProbe probe;
        QVERIFY2(!probe.open(m_server.wsUrl(), it.value()), qPrintable(it.key()));
        QCOMPARE(probe.countOf(QStringLiteral("READY")), 0);
    }
}

void TestAccess::webSocketWithAuthFrame()
{
    WsProbe probe;
    QVERIFY(probe.open(m_server.wsUrl(), QString()));
    probe.sendJson({{QStringLiteral("type"), QStringLiteral("AUTH")},
        {QStringLiteral("payload"), QJsonObject {{QStringLiteral("token"), m_user.accessToken}}}});
    const QJsonObject ready = probe.waitFor(QStringLiteral("READY"));
    QCOMPARE(
        ready[QStringLiteral("payload")][QStringLiteral("user")][QStringLiteral("id")].toInteger(),
        m_user.id);
}

void TestAccess::webSocketWithBadAuthFrameIsClosed()
{
    const QMap<QString, QString> tokens = badTokens();
    for (auto it = tokens.cbegin(); it != tokens.cend(); ++it) {
        WsProbe probe;
        QVERIFY(probe.open(m_server.wsUrl(), QString()));
        probe.sendJson({{QStringLiteral("type"), QStringLiteral("AUTH")},
            {QStringLiteral("payload"), QJsonObject {{QStringLiteral("token"), it.value()}}}});
        QVERIFY2(probe.waitClosed(5000), qPrintable(it.key()));
        QCOMPARE(probe.closeCode(), quint16(4401));
        QCOMPARE(probe.countOf(QStringLiteral("READY")), 0);
    }
    // A first frame that is not AUTH is refused the same way.
    WsProbe probe;
    QVERIFY(probe.open(m_server.wsUrl(), QString()));
    probe.sendJson({{QStringLiteral("type"), QStringLiteral("TYPING")},
        {QStringLiteral("payload"), QJsonObject()}});
    QVERIFY(probe.waitClosed(5000));
    QCOMPARE(probe.closeCode(), quint16(4401));
}

void TestAccess::webSocketWithoutAuthIsClosedAfterTenSeconds()
{
    WsProbe probe;
    QElapsedTimer timer;
    timer.start();
    QVERIFY(probe.open(m_server.wsUrl(), QString()));
    QVERIFY(probe.waitClosed(15000));
    QCOMPARE(probe.closeCode(), quint16(4401));
    QVERIFY2(timer.elapsed() >= 9500, qPrintable(QString::number(timer.elapsed())));
}

void TestAccess::unknownFramesGetAnErrorAndKeepTheConnection()
{
    WsProbe probe;
    QVERIFY(probe.openReady(m_server.wsUrl(), m_user.accessToken));
    probe.socket().sendTextMessage(QStringLiteral("{not json"));
    QCOMPARE(
        probe.waitFor(QStringLiteral("ERROR"))[QStringLiteral("payload")][QStringLiteral("code")]
            .toString(),
        QStringLiteral("invalid_frame"));
    probe.sendJson({{QStringLiteral("type"), QStringLiteral("NO_SUCH_THING")},
        {QStringLiteral("payload"), QJsonObject()}});
    QCOMPARE(
        probe.waitFor(QStringLiteral("ERROR"))[QStringLiteral("payload")][QStringLiteral("code")]
            .toString(),
        QStringLiteral("unknown_type"));
    QVERIFY(!probe.isClosed());
}

QTEST_GUILESS_MAIN(TestAccess)
#include "tst_access.moc"
