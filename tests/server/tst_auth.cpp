// Accounts and sessions over real HTTP: register, login, refresh, logout and their errors.
#include "tests/support/testserver.h"

#include <QRegularExpression>
#include <QTest>

using namespace Confab::Testing;

class TestAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void registerSucceeds();
    void registerRejects_data();
    void registerRejects();
    void usernamesAreUniqueIgnoringCase();
    void badJsonIsA400_data();
    void badJsonIsA400();
    void loginSucceeds();
    void loginFailuresLookTheSame();
    void loginIsThrottledAfterTenFailures();
    void refreshRotatesTokens();
    void reusedRefreshTokenEndsEverySession();
    void garbageRefreshTokenIsRejected();
    void logoutRevokesTheRefreshToken();
    void healthAnswers();
    void unknownRoutesAndMethods();

private:
    QJsonObject credentials(const QString &username, const QString &password) const
    {
        return {{QStringLiteral("username"), username}, {QStringLiteral("password"), password}};
    }

    TestServer m_server;
    std::unique_ptr<ApiClient> m_client;
};

void TestAuth::initTestCase()
{
    QString error;
    QVERIFY2(startWithUsers(m_server, m_client, {}, &error), qPrintable(error));
}

void TestAuth::registerSucceeds()
{
    const ApiReply reply = m_client->post(QStringLiteral("/api/auth/register"),
        {{QStringLiteral("username"), QStringLiteral("Dana.K-9_")},
            {QStringLiteral("password"), QStringLiteral("eight888")},
            {QStringLiteral("displayName"), QStringLiteral("  Dana K  ")}});
    QCOMPARE(reply.status, 201);
    const QJsonObject user = reply.json.value(QStringLiteral("user")).toObject();
    QVERIFY(user.value(QStringLiteral("id")).toInteger() > 0);
    QCOMPARE(user.value(QStringLiteral("username")).toString(), QStringLiteral("Dana.K-9_"));
    QCOMPARE(user.value(QStringLiteral("displayName")).toString(), QStringLiteral("Dana K"));
    QCOMPARE(user.value(QStringLiteral("bio")).toString(), QString());
    QVERIFY(user.contains(QStringLiteral("profilePictureUrl")));
    QVERIFY(user.contains(QStringLiteral("online")));
    QVERIFY(user.contains(QStringLiteral("lastSeenAt")));
    static const QRegularExpression isoMillis(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
    QVERIFY2(isoMillis.match(user.value(QStringLiteral("createdAt")).toString()).hasMatch(),
        qPrintable(user.value(QStringLiteral("createdAt")).toString()));
    QVERIFY(!reply.json.value(QStringLiteral("accessToken")).toString().isEmpty());
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    QVERIFY(hex64.match(reply.json.value(QStringLiteral("refreshToken")).toString()).hasMatch());
    QCOMPARE(reply.json.value(QStringLiteral("expiresIn")).toInt(), 900);

    // Without a display name, the username stands in.
    const ApiReply plain = m_client->post(QStringLiteral("/api/auth/register"),
        credentials(QStringLiteral("plainname"), QStringLiteral("password1")));
    QCOMPARE(plain.status, 201);
    QCOMPARE(plain.json[QStringLiteral("user")][QStringLiteral("displayName")].toString(),
        QStringLiteral("plainname"));
}

void TestAuth::registerRejects_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("code");
    const QString good = QStringLiteral("password1");
    QTest::newRow("username too short")
        << credentials(QStringLiteral("ab"), good) << QStringLiteral("invalid_username");
    QTest::newRow("username too long")
        << credentials(QString(33, QLatin1Char('a')), good) << QStringLiteral("invalid_username");
    QTest::newRow("username with space")
        << credentials(QStringLiteral("bad name"), good) << QStringLiteral("invalid_username");
    QTest::newRow("username with accent")
        << credentials(QStringLiteral("zoë"), good) << QStringLiteral("invalid_username");
    QTest::newRow("password too short") << credentials(QStringLiteral("someone"),
        QStringLiteral("1234567")) << QStringLiteral("invalid_password");
    QTest::newRow("password too long") << credentials(QStringLiteral("someone"),
        QString(129, QLatin1Char('p'))) << QStringLiteral("invalid_password");
    QJsonObject blankName = credentials(QStringLiteral("someone"), good);
    blankName.insert(QStringLiteral("displayName"), QStringLiteral("   "));
    QTest::newRow("blank display name") << blankName << QStringLiteral("invalid_display_name");
    QJsonObject longName = credentials(QStringLiteral("someone"), good);
    longName.insert(QStringLiteral("displayName"), QString(65, QLatin1Char('n')));
    QTest::newRow("display name too long") << longName << QStringLiteral("invalid_display_name");
    QTest::newRow("username not a string") << QJsonObject {{QStringLiteral("username"), 42},
        {QStringLiteral("password"), good}} << QStringLiteral("invalid_field");
    QTest::newRow("password missing")
        << QJsonObject {{QStringLiteral("username"), QStringLiteral("someone")}}
        << QStringLiteral("missing_field");
}

void TestAuth::registerRejects()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, code);
    const ApiReply reply = m_client->post(QStringLiteral("/api/auth/register"), body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), code);
    QVERIFY(!reply.json[QStringLiteral("error")][QStringLiteral("message")].toString().isEmpty());
}

void TestAuth::usernamesAreUniqueIgnoringCase()
{
    QCOMPARE(m_client
                 ->post(QStringLiteral("/api/auth/register"),
                     credentials(QStringLiteral("Alice"), QStringLiteral("password1")))
                 .status,
        201);
    const ApiReply again = m_client->post(QStringLiteral("/api/auth/register"),
        credentials(QStringLiteral("aLiCe"), QStringLiteral("password2")));
    QCOMPARE(again.status, 409);
    QCOMPARE(again.errorCode(), QStringLiteral("username_taken"));
}

void TestAuth::badJsonIsA400_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("truncated") << QByteArrayLiteral("{\"username\":");
    QTest::newRow("not json") << QByteArrayLiteral("username=alice");
    QTest::newRow("array") << QByteArrayLiteral("[1,2,3]");
    QTest::newRow("empty") << QByteArray();
}

void TestAuth::badJsonIsA400()
{
    QFETCH(QByteArray, body);
    for (const QString &path : {QStringLiteral("/api/auth/register"),
             QStringLiteral("/api/auth/login"), QStringLiteral("/api/auth/refresh")}) {
        const ApiReply reply = m_client->postRaw(path, body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), QStringLiteral("invalid_json"));
    }
}

void TestAuth::loginSucceeds()
{
    QVERIFY(registerUser(*m_client, QStringLiteral("logan")).id > 0);
    const ApiReply reply = m_client->post(QStringLiteral("/api/auth/login"),
        credentials(QStringLiteral("LOGAN"), QStringLiteral("correct horse")));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json[QStringLiteral("user")][QStringLiteral("username")].toString(),
        QStringLiteral("logan"));
    QVERIFY(!reply.json.value(QStringLiteral("accessToken")).toString().isEmpty());
    const ApiReply me = m_client->get(QStringLiteral("/api/users/me"),
        reply.json.value(QStringLiteral("accessToken")).toString());
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json.value(QStringLiteral("username")).toString(), QStringLiteral("logan"));
}

void TestAuth::loginFailuresLookTheSame()
{
    QVERIFY(registerUser(*m_client, QStringLiteral("wendy")).id > 0);
    const ApiReply wrongPassword = m_client->post(QStringLiteral("/api/auth/login"),
        credentials(QStringLiteral("wendy"), QStringLiteral("wrong password")));
    const ApiReply unknownUser = m_client->post(QStringLiteral("/api/auth/login"),
        credentials(QStringLiteral("nobody-here"), QStringLiteral("wrong password")));
    QCOMPARE(wrongPassword.status, 401);
    QCOMPARE(unknownUser.status, 401);
    QCOMPARE(wrongPassword.errorCode(), QStringLiteral("invalid_credentials"));
    QCOMPARE(unknownUser.body, wrongPassword.body);
}

void TestAuth::loginIsThrottledAfterTenFailures()
{
    QVERIFY(registerUser(*m_client, QStringLiteral("tessa")).id > 0);
    for (int attempt = 1; attempt <= 10; ++attempt) {
        const ApiReply reply = m_client->post(QStringLiteral("/api/auth/login"),
            credentials(QStringLiteral("tessa"), QStringLiteral("bad guess %1").arg(attempt)));
        QCOMPARE(reply.status, 401);
    }
    // The right password does not help now: the account is cooling down.
    const ApiReply blocked = m_client->post(QStringLiteral("/api/auth/login"),
        credentials(QStringLiteral("Tessa"), QStringLiteral("correct horse")));
    QCOMPARE(blocked.status, 429);
    QCOMPARE(blocked.errorCode(), QStringLiteral("too_many_attempts"));
    QVERIFY(blocked.header(QByteArrayLiteral("Retry-After")).toInt() > 0);
    // Other accounts are unaffected.
    QVERIFY(registerUser(*m_client, QStringLiteral("other-user")).id > 0);
    QCOMPARE(m_client
                 ->post(QStringLiteral("/api/auth/login"),
                     credentials(QStringLiteral("other-user"), QStringLiteral("correct horse")))
                 .status,
        200);
}

void TestAuth::refreshRotatesTokens()
{
    const TestUser user = registerUser(*m_client, QStringLiteral("rotor"));
    const ApiReply first = m_client->post(
        QStringLiteral("/api/auth/refresh"), {{QStringLiteral("refreshToken"), user.refreshToken}});
    QCOMPARE(first.status, 200);
    const QString next = first.json.value(QStringLiteral("refreshToken")).toString();
    QVERIFY(!next.isEmpty());
    QVERIFY(next != user.refreshToken);
    QCOMPARE(first.json[QStringLiteral("user")][QStringLiteral("id")].toInteger(), user.id);
    QCOMPARE(m_client
                 ->get(QStringLiteral("/api/users/me"),
                     first.json.value(QStringLiteral("accessToken")).toString())
                 .status,
        200);
    // The new one works once more.
    const ApiReply second = m_client->post(
        QStringLiteral("/api/auth/refresh"), {{QStringLiteral("refreshToken"), next}});
    QCOMPARE(second.status, 200);
}

void TestAuth::reusedRefreshTokenEndsEverySession()
{
    const TestUser user = registerUser(*m_client, QStringLiteral("victim"));
    const ApiReply rotated = m_client->post(
        QStringLiteral("/api/auth/refresh"), {{QStringLiteral("refreshToken"), user.refreshToken}});
    QCOMPARE(rotated.status, 200);
    const QString current = rotated.json.value(QStringLiteral("refreshToken")).toString();

    const ApiReply replay = m_client->post(
        QStringLiteral("/api/auth/refresh"), {{QStringLiteral("refreshToken"), user.refreshToken}});
    QCOMPARE(replay.status, 401);
    QCOMPARE(replay.errorCode(), QStringLiteral("invalid_refresh_token"));
    // Replaying a used token is taken as theft: the current token is revoked too.
    const ApiReply afterTheft = m_client->post(
        QStringLiteral("/api/auth/refresh"), {{QStringLiteral("refreshToken"), current}});
    QCOMPARE(afterTheft.status, 401);
}

void TestAuth::garbageRefreshTokenIsRejected()
{
    for (const QString &token :
        {QStringLiteral("nope"), QString(64, QLatin1Char('a')), QString(64, QLatin1Char('Z'))}) {
        const ApiReply reply = m_client->post(
            QStringLiteral("/api/auth/refresh"), {{QStringLiteral("refreshToken"), token}});
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.errorCode(), QStringLiteral("invalid_refresh_token"));
    }
    const ApiReply wrongType =
        m_client->post(QStringLiteral("/api/auth/refresh"), {{QStringLiteral("refreshToken"), 7}});
    QCOMPARE(wrongType.status, 400);
}

void TestAuth::logoutRevokesTheRefreshToken()
{
    const TestUser user = registerUser(*m_client, QStringLiteral("leaver"));
    const ApiReply logout = m_client->post(
        QStringLiteral("/api/auth/logout"), {{QStringLiteral("refreshToken"), user.refreshToken}});
    QCOMPARE(logout.status, 204);
    const ApiReply refresh = m_client->post(
        QStringLiteral("/api/auth/refresh"), {{QStringLiteral("refreshToken"), user.refreshToken}});
    QCOMPARE(refresh.status, 401);
    // Logging out twice is harmless.
    QCOMPARE(m_client
                 ->post(QStringLiteral("/api/auth/logout"),
                     {{QStringLiteral("refreshToken"), user.refreshToken}})
                 .status,
        204);
}

void TestAuth::healthAnswers()
{
    const ApiReply reply = m_client->get(QStringLiteral("/api/health"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
}

void TestAuth::unknownRoutesAndMethods()
{
    const ApiReply missing = m_client->get(QStringLiteral("/api/nothing-here"));
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.errorCode(), QStringLiteral("not_found"));
    const ApiReply wrongMethod = m_client->get(QStringLiteral("/api/auth/login"));
    QCOMPARE(wrongMethod.status, 405);
    QCOMPARE(wrongMethod.errorCode(), QStringLiteral("method_not_allowed"));
}

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
