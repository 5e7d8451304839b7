// Server administration over real HTTP: the first account is the administrator, the
// registration mode, invite codes (REST and the `admin create-invite` command) and who may
// use the admin routes.
#include "server/core/storage/connectionfactory.h"
#include "server/core/storage/migrator.h"
#include "tests/support/testserver.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Confab;
using namespace Confab::Server;
using namespace Confab::Testing;

namespace {
QString databaseUrl(const Confab::Server::DatabaseConfig &config)
{
    if (config.dialect == Confab::Server::SqlDialect::Sqlite)
        return QStringLiteral("sqlite:") + config.sqlitePath;
    return QStringLiteral("postgres://%1:%2@%3:%4/%5")
        .arg(QString::fromUtf8(QUrl::toPercentEncoding(config.user)),
            QString::fromUtf8(QUrl::toPercentEncoding(config.password)), config.host)
        .arg(config.port)
        .arg(config.databaseName);
}

QJsonObject registration(const QString &username, const QJsonValue &inviteCode = {})
{
    QJsonObject body {{QStringLiteral("username"), username},
        {QStringLiteral("password"), QStringLiteral("correct horse")}};
    if (!inviteCode.isUndefined())
        body.insert(QStringLiteral("inviteCode"), inviteCode);
    return body;
}
} // namespace

class TestAdmin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void firstAccountIsTheAdministrator();
    void registrationIsOpenByDefault();
    void onlyTheAdministratorMayAdminister_data();
    void onlyTheAdministratorMayAdminister();
    void inviteOnlyNeedsACode();
    void inviteCodesWorkOnce();
    void expiredAndDeletedInvitesFail();
    void invitesAreListedWithoutTheirCode();
    void firstAccountNeedsNoInvite();
    void simultaneousFirstAccountsMakeOneAdministrator();
    void badAdminInputIsRejected_data();
    void badAdminInputIsRejected();
    void commandLineMintsAWorkingInvite();
    void commandLineRejectsBadExpiry();
    void startupOptionSetsTheMode();
    void upgradedServerMakesItsOldestAccountAdministrator();

private:
    ApiReply setRegistration(const QString &mode);
    ApiReply mintInvite(const QJsonObject &body = {});

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiClient> m_client;
    TestUser m_admin;
};

void TestAdmin::init()
{
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<ApiClient>(m_server->httpUrl());
    m_admin = registerUser(*m_client, QStringLiteral("founder"));
    QVERIFY(m_admin.id > 0);
}

void TestAdmin::cleanup()
{
    m_client.reset();
    m_server.reset();
}

ApiReply TestAdmin::setRegistration(const QString &mode)
{
    return m_client->send("PUT", QStringLiteral("/api/admin/settings"),
        QJsonDocument(QJsonObject {{QStringLiteral("registration"), mode}}).toJson(),
        m_admin.accessToken);
}

ApiReply TestAdmin::mintInvite(const QJsonObject &body)
{
    return m_client->post(QStringLiteral("/api/admin/invites"), body, m_admin.accessToken);
}

void TestAdmin::firstAccountIsTheAdministrator()
{
    const ApiReply me = m_client->get(QStringLiteral("/api/users/me"), m_admin.accessToken);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json.value(QStringLiteral("isAdmin")), QJsonValue(true));

    const TestUser second = registerUser(*m_client, QStringLiteral("second"));
    QVERIFY(second.id > 0);
    const ApiReply secondMe = m_client->get(QStringLiteral("/api/users/me"), second.accessToken);
    QCOMPARE(secondMe.json.value(QStringLiteral("isAdmin")), QJsonValue(false));
    // Others' profiles do not say who administers the server.
    const ApiReply founder =
        m_client->get(QStringLiteral("/api/users/%1").arg(m_admin.id), second.accessToken);
    QCOMPARE(founder.status, 200);
    QVERIFY(!founder.json.contains(QStringLiteral("isAdmin")));
}

void TestAdmin::registrationIsOpenByDefault()
{
    const ApiReply settings =
        m_client->get(QStringLiteral("/api/admin/settings"), m_admin.accessToken);
    QCOMPARE(settings.status, 200);
    QCOMPARE(
        settings.json, QJsonObject({{QStringLiteral("registration"), QStringLiteral("open")}}));
    // An invite code given to an open server is not needed and not checked.
    const ApiReply reply = m_client->post(QStringLiteral("/api/auth/register"),
        registration(QStringLiteral("walkin"), QStringLiteral("whatever")));
    QCOMPARE(reply.status, 201);
}

void TestAdmin::onlyTheAdministratorMayAdminister_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("mint") << QByteArray("POST") << QStringLiteral("/api/admin/invites")
                          << QByteArray("{}");
    QTest::newRow("list") << QByteArray("GET") << QStringLiteral("/api/admin/invites")
                          << QByteArray();
    QTest::newRow("delete") << QByteArray("DELETE") << QStringLiteral("/api/admin/invites/1")
                            << QByteArray();
    QTest::newRow("read settings")
        << QByteArray("GET") << QStringLiteral("/api/admin/settings") << QByteArray();
    QTest::newRow("change settings") << QByteArray("PUT") << QStringLiteral("/api/admin/settings")
                                     << QByteArray(R"({"registration":"open"})");
}

void TestAdmin::onlyTheAdministratorMayAdminister()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    const TestUser member = registerUser(*m_client, QStringLiteral("member"));
    QVERIFY(member.id > 0);
    const ApiReply reply = m_client->send(method, path, body, member.accessToken);
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.errorCode(), QStringLiteral("not_server_admin"));
    QVERIFY(!reply.json[QStringLiteral("error")][QStringLiteral("message")].toString().isEmpty());

    const ApiReply anonymous = m_client->send(method, path, body);
    QCOMPARE(anonymous.status, 401);
}

void TestAdmin::inviteOnlyNeedsACode()
{
    const ApiReply set = setRegistration(QStringLiteral("invite"));
    QCOMPARE(set.status, 200);
    QCOMPARE(set.json.value(QStringLiteral("registration")).toString(), QStringLiteral("invite"));
    QCOMPARE(m_client->get(QStringLiteral("/api/admin/settings"), m_admin.accessToken)
                 .json.value(QStringLiteral("registration"))
                 .toString(),
        QStringLiteral("invite"));

    const ApiReply missing =
        m_client->post(QStringLiteral("/api/auth/register"), registration(QStringLiteral("eve")));
    QCOMPARE(missing.status, 403);
    QCOMPARE(missing.errorCode(), QStringLiteral("invite_required"));

    const ApiReply wrong = m_client->post(QStringLiteral("/api/auth/register"),
        registration(QStringLiteral("eve"), QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA")));
    QCOMPARE(wrong.status, 403);
    QCOMPARE(wrong.errorCode(), QStringLiteral("invite_invalid"));

    const ApiReply garbage = m_client->post(QStringLiteral("/api/auth/register"),
        registration(QStringLiteral("eve"), QStringLiteral("not a code")));
    QCOMPARE(garbage.status, 403);
    QCOMPARE(garbage.errorCode(), QStringLiteral("invite_invalid"));

    // Opening registration again lets anyone in.
    QCOMPARE(setRegistration(QStringLiteral("open")).status, 200);
    QCOMPARE(
        m_client->post(QStringLiteral("/api/auth/register"), registration(QStringLiteral("eve")))
            .status,
        201);
}

void TestAdmin::inviteCodesWorkOnce()
{
    QCOMPARE(setRegistration(QStringLiteral("invite")).status, 200);
    const ApiReply minted = mintInvite();
    QCOMPARE(minted.status, 201);
    const QString code = minted.json.value(QStringLiteral("code")).toString();
    static const QRegularExpression urlSafe(QStringLiteral("^[A-Za-z0-9_-]{22}$"));
    QVERIFY2(urlSafe.match(code).hasMatch(), qPrintable(code));
    QCOMPARE(minted.json.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
    QCOMPARE(minted.json.value(QStringLiteral("createdBy")).toInteger(), m_admin.id);
    QVERIFY(minted.json.value(QStringLiteral("expiresAt")).isNull());
    QVERIFY(minted.json.value(QStringLiteral("usedAt")).isNull());

    // A username that is taken fails without using the invite up.
    registerUser(*m_client, QStringLiteral("founder2"));
    const ApiReply taken = m_client->post(
        QStringLiteral("/api/auth/register"), registration(QStringLiteral("Founder"), code));
    QCOMPARE(taken.status, 409);

    const ApiReply joined = m_client->post(
        QStringLiteral("/api/auth/register"), registration(QStringLiteral("guest"), code));
    QCOMPARE(joined.status, 201);
    const qint64 guestId = joined.json[QStringLiteral("user")][QStringLiteral("id")].toInteger();

    const ApiReply again = m_client->post(
        QStringLiteral("/api/auth/register"), registration(QStringLiteral("guest2"), code));
    QCOMPARE(again.status, 403);
    QCOMPARE(again.errorCode(), QStringLiteral("invite_invalid"));

    const ApiReply list = m_client->get(QStringLiteral("/api/admin/invites"), m_admin.accessToken);
    QCOMPARE(list.status, 200);
    const QJsonObject invite =
        list.json.value(QStringLiteral("invites")).toArray().at(0).toObject();
    QCOMPARE(invite.value(QStringLiteral("status")).toString(), QStringLiteral("used"));
    QCOMPARE(invite.value(QStringLiteral("usedBy")).toInteger(), guestId);
    QVERIFY(!invite.value(QStringLiteral("usedAt")).isNull());
}

void TestAdmin::expiredAndDeletedInvitesFail()
{
    QCOMPARE(setRegistration(QStringLiteral("invite")).status, 200);
    const ApiReply expiring = mintInvite({{QStringLiteral("expiresInHours"), 2}});
    QCOMPARE(expiring.status, 201);
    const QDateTime expiresAt = QDateTime::fromString(
        expiring.json.value(QStringLiteral("expiresAt")).toString(), Qt::ISODateWithMs);
    const qint64 seconds = QDateTime::currentDateTimeUtc().secsTo(expiresAt);
    QVERIFY2(seconds > 7000 && seconds <= 7200, qPrintable(QString::number(seconds)));

    // Deleting an invite makes its code useless, and deleting it again is a 404.
    const qint64 id = expiring.json.value(QStringLiteral("id")).toInteger();
    const QString code = expiring.json.value(QStringLiteral("code")).toString();
    QCOMPARE(m_client
                 ->send("DELETE", QStringLiteral("/api/admin/invites/%1").arg(id), {},
                     m_admin.accessToken)
                 .status,
        204);
    const ApiReply gone = m_client->send(
        "DELETE", QStringLiteral("/api/admin/invites/%1").arg(id), {}, m_admin.accessToken);
    QCOMPARE(gone.status, 404);
    QCOMPARE(gone.errorCode(), QStringLiteral("invite_not_found"));
    const ApiReply deleted = m_client->post(
        QStringLiteral("/api/auth/register"), registration(QStringLiteral("late"), code));
    QCOMPARE(deleted.errorCode(), QStringLiteral("invite_invalid"));
}

void TestAdmin::invitesAreListedWithoutTheirCode()
{
    const ApiReply first = mintInvite();
    const ApiReply second = mintInvite({{QStringLiteral("expiresInHours"), 24}});
    QCOMPARE(first.status, 201);
    QCOMPARE(second.status, 201);
    QVERIFY(first.json.value(QStringLiteral("code")) != second.json.value(QStringLiteral("code")));
    const ApiReply list = m_client->get(QStringLiteral("/api/admin/invites"), m_admin.accessToken);
    QCOMPARE(list.status, 200);
    const QJsonArray invites = list.json.value(QStringLiteral("invites")).toArray();
    QCOMPARE(invites.size(), 2);
    QCOMPARE(invites.at(0)[QStringLiteral("id")], second.json.value(QStringLiteral("id")));
    QCOMPARE(invites.at(1)[QStringLiteral("id")], first.json.value(QStringLiteral("id")));
    for (const QJsonValue &invite : invites) {
        QVERIFY(!invite.toObject().contains(QStringLiteral("code")));
        QCOMPARE(invite[QStringLiteral("status")].toString(), QStringLiteral("active"));
    }
    // Nothing in the body is the code either.
    QVERIFY(!list.body.contains(first.json.value(QStringLiteral("code")).toString().toLatin1()));
}

void TestAdmin::firstAccountNeedsNoInvite()
{
    // A fresh server that starts invite-only still lets its first account in.
    TestServer fresh;
    QString error;
    QVERIFY2(fresh.start(&error), qPrintable(error));
    ApiClient client(fresh.httpUrl());
    const TestUser owner = registerUser(client, QStringLiteral("owner"));
    QVERIFY(owner.id > 0);
    QCOMPARE(client
                 .send("PUT", QStringLiteral("/api/admin/settings"), R"({"registration":"invite"})",
                     owner.accessToken)
                 .status,
        200);
    const ApiReply second =
        client.post(QStringLiteral("/api/auth/register"), registration(QStringLiteral("next")));
    QCOMPARE(second.errorCode(), QStringLiteral("invite_required"));
    // The mode is in the database: it survives a restart.
    QVERIFY2(fresh.start(&error), qPrintable(error));
    ApiClient restarted(fresh.httpUrl());
    QCOMPARE(
        restarted.post(QStringLiteral("/api/auth/register"), registration(QStringLiteral("next")))
            .errorCode(),
        QStringLiteral("invite_required"));
}

void TestAdmin::simultaneousFirstAccountsMakeOneAdministrator()
{
    TestServer fresh;
    QString error;
    QVERIFY2(fresh.start(&error), qPrintable(error));
    // Several registrations in flight at once on an empty server, each on its own connection.
    QNetworkAccessManager network;
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 4; ++i) {
        QNetworkRequest request(
            fresh.httpUrl().resolved(QUrl(QStringLiteral("/api/auth/register"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        replies << network.post(
            request, QJsonDocument(registration(QStringLiteral("racer%1").arg(i))).toJson());
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.cbegin(), replies.cend(),
                                 [](QNetworkReply *reply) { return reply->isFinished(); }),
        30000);
    ApiClient client(fresh.httpUrl());
    int admins = 0;
    for (QNetworkReply *reply : replies) {
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        const QString token = QJsonDocument::fromJson(reply->readAll())
                                  .object()
                                  .value(QStringLiteral("accessToken"))
                                  .toString();
        const ApiReply me = client.get(QStringLiteral("/api/users/me"), token);
        QCOMPARE(me.status, 200);
        if (me.json.value(QStringLiteral("isAdmin")).toBool())
            ++admins;
        reply->deleteLater();
    }
    QCOMPARE(admins, 1);
}

void TestAdmin::badAdminInputIsRejected_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown mode") << QByteArray("PUT") << QStringLiteral("/api/admin/settings")
                                  << QByteArray(R"({"registration":"closed"})")
                                  << QStringLiteral("invalid_registration");
    QTest::newRow("settings not json") << QByteArray("PUT") << QStringLiteral("/api/admin/settings")
                                       << QByteArray("{") << QStringLiteral("invalid_json");
    QTest::newRow("zero hours") << QByteArray("POST") << QStringLiteral("/api/admin/invites")
                                << QByteArray(R"({"expiresInHours":0})")
                                << QStringLiteral("invalid_expiry");
    QTest::newRow("fractional hours")
        << QByteArray("POST") << QStringLiteral("/api/admin/invites")
        << QByteArray(R"({"expiresInHours":1.5})") << QStringLiteral("invalid_expiry");
    QTest::newRow("hours as text")
        << QByteArray("POST") << QStringLiteral("/api/admin/invites")
        << QByteArray(R"({"expiresInHours":"2"})") << QStringLiteral("invalid_expiry");
    QTest::newRow("too many hours")
        << QByteArray("POST") << QStringLiteral("/api/admin/invites")
        << QByteArray(R"({"expiresInHours":100000})") << QStringLiteral("invalid_expiry");
}

void TestAdmin::badAdminInputIsRejected()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    const ApiReply reply = m_client->send(method, path, body, m_admin.accessToken);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), code);
    // Nothing changed.
    QCOMPARE(m_client->get(QStringLiteral("/api/admin/settings"), m_admin.accessToken)
                 .json.value(QStringLiteral("registration"))
                 .toString(),
        QStringLiteral("open"));
    QCOMPARE(m_client->get(QStringLiteral("/api/admin/invites"), m_admin.accessToken)
                 .json.value(QStringLiteral("invites"))
                 .toArray()
                 .size(),
        0);
}

void TestAdmin::commandLineMintsAWorkingInvite()
{
    QCOMPARE(setRegistration(QStringLiteral("invite")).status, 200);
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CONFAB_JWT_SECRET"), QString::fromLatin1(m_server->jwtSecret()));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(CONFAB_SERVER_BINARY),
        {QStringLiteral("admin"), QStringLiteral("create-invite"), QStringLiteral("--expires-in"),
            QStringLiteral("48"), QStringLiteral("--database"),
            databaseUrl(m_server->database().config())});
    QVERIFY(process.waitForFinished(30000));
    const QByteArray errors = process.readAllStandardError();
    QCOMPARE(process.exitCode(), 0);
    const QString code = QString::fromLatin1(process.readAllStandardOutput()).trimmed();
    static const QRegularExpression urlSafe(QStringLiteral("^[A-Za-z0-9_-]{22}$"));
    QVERIFY2(urlSafe.match(code).hasMatch(), qPrintable(code));
    QVERIFY2(errors.contains("works once, until"), errors.constData());

    const ApiReply list = m_client->get(QStringLiteral("/api/admin/invites"), m_admin.accessToken);
    const QJsonObject invite =
        list.json.value(QStringLiteral("invites")).toArray().at(0).toObject();
    QVERIFY(invite.value(QStringLiteral("createdBy")).isNull());
    QVERIFY(!invite.value(QStringLiteral("expiresAt")).isNull());

    const ApiReply joined = m_client->post(
        QStringLiteral("/api/auth/register"), registration(QStringLiteral("cliguest"), code));
    QCOMPARE(joined.status, 201);
}

void TestAdmin::commandLineRejectsBadExpiry()
{
    QProcess process;
    process.start(QStringLiteral(CONFAB_SERVER_BINARY),
        {QStringLiteral("admin"), QStringLiteral("create-invite"), QStringLiteral("--expires-in"),
            QStringLiteral("soon"), QStringLiteral("--database"),
            databaseUrl(m_server->database().config())});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardOutput().isEmpty());
    QVERIFY(process.readAllStandardError().contains("--expires-in"));
    QCOMPARE(m_client->get(QStringLiteral("/api/admin/invites"), m_admin.accessToken)
                 .json.value(QStringLiteral("invites"))
                 .toArray()
                 .size(),
        0);
}

void TestAdmin::startupOptionSetsTheMode()
{
    // The running test server shares the database with a confab-server started with
    // --registration invite: the option is stored, so both now refuse registrations.
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CONFAB_JWT_SECRET"), QString::fromLatin1(m_server->jwtSecret()));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(CONFAB_SERVER_BINARY),
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--database"),
            databaseUrl(m_server->database().config()), QStringLiteral("--registration"),
            QStringLiteral("invite")});
    QVERIFY(process.waitForStarted(30000));
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 30000);
    const QString line = QString::fromLatin1(process.readLine()).trimmed();
    QVERIFY2(line.startsWith(QLatin1String("Listening on http://")), qPrintable(line));
    ApiClient other(QUrl(line.mid(int(qstrlen("Listening on ")))));
    QCOMPARE(
        other.post(QStringLiteral("/api/auth/register"), registration(QStringLiteral("newbie")))
            .errorCode(),
        QStringLiteral("invite_required"));
    QCOMPARE(
        m_client->post(QStringLiteral("/api/auth/register"), registration(QStringLiteral("newbie")))
            .errorCode(),
        QStringLiteral("invite_required"));
    process.terminate();
    QVERIFY(process.waitForFinished(30000));

    QProcess bad;
    bad.setProcessEnvironment(env);
    bad.start(QStringLiteral(CONFAB_SERVER_BINARY),
        {QStringLiteral("--database"), databaseUrl(m_server->database().config()),
            QStringLiteral("--registration"), QStringLiteral("closed")});
    QVERIFY(bad.waitForFinished(30000));
    QCOMPARE(bad.exitCode(), 2);
    QVERIFY(bad.readAllStandardError().contains("--registration needs open or invite"));
}

void TestAdmin::upgradedServerMakesItsOldestAccountAdministrator()
{
    // A database made before migration 4, with accounts, then upgraded.
    TestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.errorString()));
    {
        Result<SqlContext> context =
            openConnection(database.config(), QStringLiteral("tst_admin_upgrade"));
        QVERIFY2(context, qPrintable(context ? QString() : context.error().message));
        Result<int> old = Migrator(*context, allMigrations().mid(0, 3)).migrate();
        QVERIFY(old);
        QCOMPARE(*old, 3);
        for (const char *name : {"elder", "younger"}) {
            QSqlQuery insert(context->db);
            insert.prepare(QStringLiteral(
                "INSERT INTO users (username, username_key, display_name, password_hash, "
                "created_at) VALUES (?, ?, ?, 'x', 0)"));
            for (int i = 0; i < 3; ++i)
                insert.addBindValue(QString::fromLatin1(name));
            QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
        }
        Result<int> upgraded = Migrator(*context, allMigrations().mid(0, 4)).migrate();
        QVERIFY(upgraded);
        QCOMPARE(*upgraded, 1);
        QSqlQuery admins(context->db);
        QVERIFY(admins.exec(QStringLiteral("SELECT username FROM users WHERE is_admin = 1")));
        QVERIFY(admins.next());
        QCOMPARE(admins.value(0).toString(), QStringLiteral("elder"));
        QVERIFY(!admins.next());
        QSqlQuery mode(context->db);
        QVERIFY(mode.exec(
            QStringLiteral("SELECT value FROM server_settings WHERE key = 'registration'")));
        QVERIFY(mode.next());
        QCOMPARE(mode.value(0).toString(), QStringLiteral("open"));
        context->db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tst_admin_upgrade"));
}

QTEST_GUILESS_MAIN(TestAdmin)
#include "tst_admin.moc"
