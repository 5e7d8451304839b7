// How an operator configures confab-server in production: a configuration file, the
// environment and flags in that order of precedence, secrets from files or variables, and
// the structured one-line log records on stderr.
#include "tests/support/apiclient.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testdatabase.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Confab::Testing;

namespace {
const QString binary = QStringLiteral(CONFAB_SERVER_BINARY);
const QByteArray secret = "a-configured-secret-that-is-longer-than-32-bytes";

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}
} // namespace

class TestServerConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void configFileIsUsed();
    void environmentBeatsFileAndFlagBeatsEnvironment();
    void badConfigurationExitsWithTwo_data();
    void badConfigurationExitsWithTwo();
    void databasePasswordFromFileOrEnvironment_data();
    void databasePasswordFromFileOrEnvironment();
    void logsAreStructuredAndCarryNoSecrets();

private:
    QProcessEnvironment environment() const;
    QString configFile(const QByteArray &content);

    QTemporaryDir m_home;
    TestDatabase m_database;
    int m_files = 0;
};

void TestServerConfig::initTestCase()
{
    QVERIFY(QFile::exists(binary));
    QVERIFY(m_home.isValid());
    QVERIFY2(m_database.isValid(), qPrintable(m_database.errorString()));
    QVERIFY(writeFile(m_home.filePath(QStringLiteral("jwt-secret")), secret + '\n'));
}

QProcessEnvironment TestServerConfig::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    for (const char *name :
        {"CONFAB_LISTEN", "CONFAB_DATABASE_URL", "CONFAB_JWT_SECRET", "CONFAB_JWT_SECRET_FILE",
            "CONFAB_CONFIG", "CONFAB_DATABASE_PASSWORD", "CONFAB_DATABASE_PASSWORD_FILE",
            "CONFAB_MAX_CONNECTIONS", "CONFAB_CONNECTION_THREADS", "CONFAB_DATA_DIR"})
        env.remove(QString::fromLatin1(name));
    return env;
}

// A file in the test's home; relative paths in it are taken from there.
QString TestServerConfig::configFile(const QByteArray &content)
{
    const QString path = m_home.filePath(QStringLiteral("confab-%1.conf").arg(++m_files));
    return writeFile(path, content) ? path : QString();
}

void TestServerConfig::configFileIsUsed()
{
    const QString config =
        configFile("# database = a comment, not a key\n; so is this\n\nlisten = 127.0.0.1:0\n"
                   "database = \""
            + databaseUrl(m_database.config()).toUtf8()
            + "\"\njwt_secret_file = jwt-secret\nmax_connections = 100\n"
              "connection_threads = 0\n");
    ServerProcess server(binary);
    const QUrl url = server.start({QStringLiteral("--config"), config}, environment());
    QVERIFY2(url.isValid(), server.errorOutput().constData());
    QCOMPARE(ApiClient(url).get(QStringLiteral("/api/health")).status, 200);
    QVERIFY(server.stop());

    // The same through CONFAB_CONFIG.
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("CONFAB_CONFIG"), config);
    ServerProcess fromVariable(binary);
    QVERIFY2(fromVariable.start({}, env).isValid(), fromVariable.errorOutput().constData());
    QVERIFY(fromVariable.stop());
}

void TestServerConfig::environmentBeatsFileAndFlagBeatsEnvironment()
{
    // The file asks for a port that cannot be bound (1 is privileged for this test's user, or
    // taken); the environment's port 0 must win over it.
    const QString config = configFile("listen = 203.0.113.1:1\njwt_secret_file = jwt-secret\n"
                                      "database = \""
        + databaseUrl(m_database.config()).toUtf8() + "\"\n");
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("CONFAB_LISTEN"), QStringLiteral("127.0.0.1:0"));
    ServerProcess server(binary);
    QVERIFY2(server.start({QStringLiteral("--config"), config}, env).isValid(),
        server.errorOutput().constData());
    QVERIFY(server.stop());

    // A flag wins over a variable that alone would make the server refuse to start.
    env.insert(QStringLiteral("CONFAB_LISTEN"), QStringLiteral("not-an-address"));
    env.insert(QStringLiteral("CONFAB_JWT_SECRET"), QStringLiteral("too short"));
    ServerProcess flagged(binary);
    QVERIFY2(flagged
                 .start({QStringLiteral("--config"), config, QStringLiteral("--listen"),
                            QStringLiteral("127.0.0.1:0"), QStringLiteral("--jwt-secret-file"),
                            m_home.filePath(QStringLiteral("jwt-secret"))},
                     env)
                 .isValid(),
        flagged.errorOutput().constData());
    QVERIFY(flagged.stop());
}

void TestServerConfig::badConfigurationExitsWithTwo_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("unknown key") << QByteArray("listen = 127.0.0.1:0\nlisen = 1\n") << QStringList()
                                 << QByteArray("Unknown key \"lisen\"");
    QTest::newRow("short secret in a file") << QByteArray("jwt_secret_file = short-secret\n")
                                            << QStringList() << QByteArray("at least 32 bytes");
    QTest::newRow("short secret in the environment")
        << QByteArray() << QStringList {QStringLiteral("CONFAB_JWT_SECRET=0123456789")}
        << QByteArray("at least 32 bytes");
    QTest::newRow("missing secret file") << QByteArray("jwt_secret_file = /nonexistent/secret\n")
                                         << QStringList() << QByteArray("/nonexistent/secret");
    QTest::newRow("bad max connections")
        << QByteArray("max_connections = lots\n") << QStringList() << QByteArray("lots");
    QTest::newRow("missing config file")
        << QByteArray() << QStringList {QStringLiteral("CONFAB_CONFIG=/nonexistent/confab.conf")}
        << QByteArray("/nonexistent/confab.conf");
}

void TestServerConfig::badConfigurationExitsWithTwo()
{
    QFETCH(QByteArray, file);
    QFETCH(QStringList, environment);
    QFETCH(QByteArray, expected);
    QVERIFY(writeFile(m_home.filePath(QStringLiteral("short-secret")), "0123456789abcdef\n"));
    QProcessEnvironment env = this->environment();
    for (const QString &entry : environment)
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    QStringList arguments {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
        QStringLiteral("--database"), databaseUrl(m_database.config())};
    if (!file.isEmpty())
        arguments << QStringLiteral("--config") << configFile(file);
    const CommandRun run = runCommand(binary, arguments, env);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(
        run.err.startsWith("confab-server: ") && run.err.contains(expected), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

void TestServerConfig::databasePasswordFromFileOrEnvironment_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("flag") << QStringLiteral("flag");
    QTest::newRow("variable naming a file") << QStringLiteral("file variable");
    QTest::newRow("variable") << QStringLiteral("variable");
    QTest::newRow("config key") << QStringLiteral("config");
}

void TestServerConfig::databasePasswordFromFileOrEnvironment()
{
    if (m_database.dialect() != Confab::Server::SqlDialect::Postgres)
        QSKIP("A database password applies to PostgreSQL only; the postgres run covers it.");
    QFETCH(QString, how);
    Confab::Server::DatabaseConfig withoutPassword = m_database.config();
    const QString password = withoutPassword.password;
    withoutPassword.password.clear();
    const QString passwordFile = m_home.filePath(QStringLiteral("db-password"));
    QVERIFY(writeFile(passwordFile, password.toUtf8() + '\n'));

    QProcessEnvironment env = environment();
    QStringList arguments {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
        QStringLiteral("--jwt-secret-file"), m_home.filePath(QStringLiteral("jwt-secret"))};
    env.insert(QStringLiteral("CONFAB_DATABASE_URL"), databaseUrl(withoutPassword));
    if (how == QLatin1String("flag"))
        arguments << QStringLiteral("--database-password-file") << passwordFile;
    else if (how == QLatin1String("file variable"))
        env.insert(QStringLiteral("CONFAB_DATABASE_PASSWORD_FILE"), passwordFile);
    else if (how == QLatin1String("variable"))
        env.insert(QStringLiteral("CONFAB_DATABASE_PASSWORD"), password);
    else
        arguments << QStringLiteral("--config")
                  << configFile("database_password_file = db-password\n");
    ServerProcess server(binary);
    const QUrl url = server.start(arguments, env);
    QVERIFY2(url.isValid(), server.errorOutput().constData());
    QCOMPARE(ApiClient(url).get(QStringLiteral("/api/health")).status, 200);
    QVERIFY(server.stop());
    // (The local development role's password is a common word; CI's is random.)
    if (password.size() >= 12)
        QVERIFY(!server.errorOutput().contains(password.toUtf8()));
}

void TestServerConfig::logsAreStructuredAndCarryNoSecrets()
{
    const QString password = QStringLiteral("a very private password");
    const QString content = QStringLiteral("the contents of a private message");
    ServerProcess server(binary);
    const QUrl url =
        server.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                         QStringLiteral("--database"), databaseUrl(m_database.config())},
            [this] {
                QProcessEnvironment env = environment();
                env.insert(QStringLiteral("CONFAB_JWT_SECRET"), QString::fromLatin1(secret));
                return env;
            }());
    QVERIFY2(url.isValid(), server.errorOutput().constData());
    ApiClient client(url);
    const ApiReply alice = client.post(QStringLiteral("/api/auth/register"),
        {{QStringLiteral("username"), QStringLiteral("logged")},
            {QStringLiteral("password"), password}});
    QCOMPARE(alice.status, 201);
    const ApiReply bob = client.post(QStringLiteral("/api/auth/register"),
        {{QStringLiteral("username"), QStringLiteral("logger")},
            {QStringLiteral("password"), password}});
    QCOMPARE(bob.status, 201);
    const QString token = alice.json.value(QStringLiteral("accessToken")).toString();
    const ApiReply conversation = client.post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"),
            QJsonArray {bob.json[QStringLiteral("user")][QStringLiteral("id")]}}},
        token);
    QCOMPARE(conversation.status, 201);
    QCOMPARE(client
                 .post(QStringLiteral("/api/conversations/%1/messages")
                           .arg(conversation.json.value(QStringLiteral("id")).toInteger()),
                     {{QStringLiteral("content"), content}}, token)
                 .status,
        201);
    // A failing request is logged too; its body is not.
    QCOMPARE(client
                 .post(QStringLiteral("/api/auth/login"),
                     {{QStringLiteral("username"), QStringLiteral("logged")},
                         {QStringLiteral("password"), QStringLiteral("wrong but secret")}})
                 .status,
        401);
    QVERIFY(server.stop());

    const QByteArray log = server.errorOutput();
    QVERIFY2(log.contains("event=server_started"), log.constData());
    QVERIFY(log.contains("event=server_stopped"));
    static const QRegularExpression record(
        QStringLiteral("^level=(debug|info|warning|error|fatal) "
                       "time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z "
                       "event=\\S+( [a-z_]+=(\"([^\"\\\\]|\\\\.)*\"|[^ \"]+))*$"));
    for (const QByteArray &line : log.trimmed().split('\n'))
        QVERIFY2(record.match(QString::fromUtf8(line)).hasMatch(), line.constData());
    for (const QByteArray &forbidden :
        {password.toUtf8(), content.toUtf8(), QByteArray("wrong but secret"), secret,
            token.toUtf8(), m_database.config().password.toUtf8()}) {
        if (forbidden.size() >= 12)
            QVERIFY2(!log.contains(forbidden), forbidden.constData());
    }
}

QTEST_GUILESS_MAIN(TestServerConfig)
#include "tst_serverconfig.moc"
