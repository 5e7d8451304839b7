// confab-server's operator commands run as an operator runs them: the real binary, the
// password on stdin, against SQLite and PostgreSQL, and a backup taken while a server runs.
#include "server/core/storage/database.h"
#include "tests/support/apiclient.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testdatabase.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Confab::Testing;

namespace {
const QString binary = QStringLiteral(CONFAB_SERVER_BINARY);
}

class TestAdminCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void createdUserCanSignIn();
    void promptOnATerminalDoesNotEcho_data();
    void promptOnATerminalDoesNotEcho();
    void createUserRefusesBadInput_data();
    void createUserRefusesBadInput();
    void resetPasswordReplacesTheOldOne();
    void resetPasswordOfUnknownUserFails();
    void listUsersPrintsEveryAccount();
    void unknownCommandIsAUsageError();
    void mistypedSqlitePathCreatesNothing_data();
    void mistypedSqlitePathCreatesNothing();
    void backupWhileTheServerRuns();

private:
    CommandRun admin(const QStringList &arguments, const QByteArray &input = {});
    int login(const QUrl &url, const QString &username, const QString &password);
    QProcessEnvironment environment() const;

    QTemporaryDir m_home;
    std::unique_ptr<TestDatabase> m_database;
    QString m_secretFile;
};

void TestAdminCommands::initTestCase()
{
    QVERIFY(QFile::exists(binary));
    QVERIFY(m_home.isValid());
    m_secretFile = m_home.filePath(QStringLiteral("secret"));
    QFile secret(m_secretFile);
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("an-admin-test-secret-that-is-longer-than-32-bytes\n");
}

void TestAdminCommands::init()
{
    m_database = std::make_unique<TestDatabase>();
    QVERIFY2(m_database->isValid(), qPrintable(m_database->errorString()));
    // As after the server's first start: the database exists (admin commands other than
    // create-user refuse to create one).
    Confab::Result<std::unique_ptr<Confab::Server::Database>> created =
        Confab::Server::Database::open(m_database->config());
    QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
}

QProcessEnvironment TestAdminCommands::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    for (const char *name : {"CONFAB_LISTEN", "CONFAB_DATABASE_URL", "CONFAB_JWT_SECRET",
             "CONFAB_CONFIG", "CONFAB_DATABASE_PASSWORD", "CONFAB_DATABASE_PASSWORD_FILE"})
        env.remove(QString::fromLatin1(name));
    return env;
}

CommandRun TestAdminCommands::admin(const QStringList &arguments, const QByteArray &input)
{
    return runCommand(binary,
        arguments + QStringList {QStringLiteral("--database"), databaseUrl(m_database->config())},
        environment(), input);
}

int TestAdminCommands::login(const QUrl &url, const QString &username, const QString &password)
{
    return ApiClient(url)
        .post(QStringLiteral("/api/auth/login"),
            {{QStringLiteral("username"), username}, {QStringLiteral("password"), password}})
        .status;
}

void TestAdminCommands::createdUserCanSignIn()
{
    const CommandRun created =
        admin({QStringLiteral("admin"), QStringLiteral("create-user"), QStringLiteral("grace"),
                  QStringLiteral("--display-name"), QStringLiteral("Grace H.")},
            "correct horse battery\n");
    QVERIFY2(created.finished, created.err.constData());
    QCOMPARE(created.exitCode, 0);
    QVERIFY(created.out.startsWith("Created user grace (id "));
    QVERIFY(!created.err.contains("correct horse"));

    ServerProcess server(binary);
    const QUrl url = server.start(
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--database"),
            databaseUrl(m_database->config()), QStringLiteral("--jwt-secret-file"), m_secretFile},
        environment());
    QVERIFY2(url.isValid(), server.errorOutput().constData());
    QCOMPARE(login(url, QStringLiteral("grace"), QStringLiteral("correct horse battery")), 200);
    QCOMPARE(login(url, QStringLiteral("grace"), QStringLiteral("wrong horse battery")), 401);
    QVERIFY(server.stop());
}

namespace {
// What a terminal shows while a command runs on it, with `answers` typed in turn after each
// prompt (a line ending in ": ").
struct TerminalRun
{
    QByteArray screen;
    int exitCode = -1;
};

TerminalRun runOnTerminal(const QStringList &arguments, const QList<QByteArray> &answers,
    const QProcessEnvironment &environment)
{
    TerminalRun run;
    QList<QByteArray> argv {binary.toLocal8Bit()};
    for (const QString &argument : arguments)
        argv << argument.toLocal8Bit();
    std::vector<char *> argp;
    for (QByteArray &argument : argv)
        argp.push_back(argument.data());
    argp.push_back(nullptr);
    QList<QByteArray> env;
    for (const QString &entry : environment.toStringList())
        env << entry.toLocal8Bit();
    std::vector<char *> envp;
    for (QByteArray &entry : env)
        envp.push_back(entry.data());
    envp.push_back(nullptr);

    int master = -1;
    const pid_t child = ::forkpty(&master, nullptr, nullptr, nullptr);
    if (child < 0)
        return run;
    if (child == 0) {
        ::execve(argp[0], argp.data(), envp.data());
        ::_exit(127);
    }
    qsizetype answered = 0;
    qsizetype promptsSeen = 0;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        pollfd events = {master, POLLIN, 0};
        if (::poll(&events, 1, 200) <= 0)
            continue;
        char buffer[512];
        const ssize_t n = ::read(master, buffer, sizeof buffer);
        if (n <= 0)
            break; // the child closed the terminal
        run.screen.append(buffer, n);
        promptsSeen = run.screen.count(": ");
        while (answered < answers.size() && answered < promptsSeen) {
            const QByteArray line = answers.at(answered++) + '\n';
            if (::write(master, line.constData(), size_t(line.size())) != line.size())
                break;
        }
    }
    int status = 0;
    if (::waitpid(child, &status, WNOHANG) == 0) {
        // Still waiting for input after the deadline: the test fails, but never hangs.
        QDeadlineTimer grace(5000);
        while (::waitpid(child, &status, WNOHANG) == 0 && !grace.hasExpired())
            QTest::qWait(50);
        if (::waitpid(child, &status, WNOHANG) == 0) {
            ::kill(child, SIGKILL);
            ::waitpid(child, &status, 0);
        }
    }
    ::close(master);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}
} // namespace

void TestAdminCommands::promptOnATerminalDoesNotEcho_data()
{
    QTest::addColumn<QByteArray>("repeated");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("same twice") << QByteArray("typed on a terminal") << 0;
    QTest::newRow("mistyped") << QByteArray("typed on a terminaI") << 2;
}

void TestAdminCommands::promptOnATerminalDoesNotEcho()
{
    QFETCH(QByteArray, repeated);
    QFETCH(int, exitCode);
    const TerminalRun run = runOnTerminal(
        {QStringLiteral("admin"), QStringLiteral("create-user"), QStringLiteral("terry"),
            QStringLiteral("--database"), databaseUrl(m_database->config())},
        {QByteArray("typed on a terminal"), repeated}, environment());
    QVERIFY2(run.screen.contains("New password: "), run.screen.constData());
    QVERIFY2(run.screen.contains("Repeat the password: "), run.screen.constData());
    QVERIFY2(!run.screen.contains("typed on a termina"), run.screen.constData()); // no echo
    QCOMPARE(run.exitCode, exitCode);
    const CommandRun list = admin({QStringLiteral("admin"), QStringLiteral("list-users")});
    QCOMPARE(list.out.contains("\tterry\t"), exitCode == 0);
}

void TestAdminCommands::createUserRefusesBadInput_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("short password") << QStringLiteral("henry") << QByteArray("short\n");
    QTest::newRow("no password") << QStringLiteral("henry") << QByteArray();
    QTest::newRow("bad username") << QStringLiteral("no spaces allowed")
                                  << QByteArray("long enough password\n");
}

void TestAdminCommands::createUserRefusesBadInput()
{
    QFETCH(QString, username);
    QFETCH(QByteArray, input);
    const CommandRun run =
        admin({QStringLiteral("admin"), QStringLiteral("create-user"), username}, input);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith("confab-server: "), run.err.constData());
    const CommandRun list = admin({QStringLiteral("admin"), QStringLiteral("list-users")});
    QCOMPARE(list.exitCode, 0);
    QCOMPARE(list.out.count('\n'), 1); // the header only: nothing was created
}

void TestAdminCommands::resetPasswordReplacesTheOldOne()
{
    QCOMPARE(admin({QStringLiteral("admin"), QStringLiteral("create-user"), QStringLiteral("ivy")},
                 "first password\n")
                 .exitCode,
        0);
    const CommandRun twice =
        admin({QStringLiteral("admin"), QStringLiteral("create-user"), QStringLiteral("IVY")},
            "other password\n");
    QCOMPARE(twice.exitCode, 1);
    QVERIFY(twice.err.contains("already taken"));

    const CommandRun reset =
        admin({QStringLiteral("admin"), QStringLiteral("reset-password"), QStringLiteral("ivy")},
            "second password\n");
    QVERIFY2(reset.exitCode == 0, reset.err.constData());

    ServerProcess server(binary);
    const QUrl url = server.start(
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--database"),
            databaseUrl(m_database->config()), QStringLiteral("--jwt-secret-file"), m_secretFile},
        environment());
    QVERIFY2(url.isValid(), server.errorOutput().constData());
    QCOMPARE(login(url, QStringLiteral("ivy"), QStringLiteral("first password")), 401);
    QCOMPARE(login(url, QStringLiteral("ivy"), QStringLiteral("second password")), 200);
    QVERIFY(server.stop());
}

void TestAdminCommands::resetPasswordOfUnknownUserFails()
{
    const CommandRun run =
        admin({QStringLiteral("admin"), QStringLiteral("reset-password"), QStringLiteral("nobody")},
            "whatever password\n");
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.err.count("confab-server: "), 1);
    QVERIFY(run.err.contains("nobody"));
}

void TestAdminCommands::listUsersPrintsEveryAccount()
{
    for (const char *name : {"zoe", "adam"})
        QCOMPARE(admin({QStringLiteral("admin"), QStringLiteral("create-user"),
                           QString::fromLatin1(name)},
                     "a long password\n")
                     .exitCode,
            0);
    const CommandRun list = admin({QStringLiteral("admin"), QStringLiteral("list-users")});
    QCOMPARE(list.exitCode, 0);
    const QList<QByteArray> lines = list.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0), QByteArray("id\tusername\tdisplay name\tcreated"));
    QCOMPARE(lines.at(1).split('\t').value(1), QByteArray("adam"));
    QCOMPARE(lines.at(2).split('\t').value(1), QByteArray("zoe"));
    QVERIFY(lines.at(2).split('\t').value(3).endsWith('Z'));
    QVERIFY(!list.out.contains("$argon2")); // never a hash
}

void TestAdminCommands::mistypedSqlitePathCreatesNothing_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::newRow("list-users") << QStringList {QStringLiteral("list-users")};
    QTest::newRow("reset-password")
        << QStringList {QStringLiteral("reset-password"), QStringLiteral("grace")};
    QTest::newRow("create-invite") << QStringList {QStringLiteral("create-invite")};
}

void TestAdminCommands::mistypedSqlitePathCreatesNothing()
{
    QFETCH(QStringList, command);
    const QString path = m_home.filePath(QStringLiteral("typo/confab.db"));
    const CommandRun run = runCommand(binary,
        QStringList {QStringLiteral("admin")} + command
            + QStringList {QStringLiteral("--database"), QStringLiteral("sqlite:") + path},
        environment(), "a long password\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("There is no database at"), run.err.constData());
    QVERIFY(!QFileInfo::exists(path));
}

void TestAdminCommands::unknownCommandIsAUsageError()
{
    const CommandRun run = admin({QStringLiteral("admin"), QStringLiteral("delete-everything")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains("unknown command"));
    QVERIFY(run.err.contains("create-user"));
}

void TestAdminCommands::backupWhileTheServerRuns()
{
    const QString backup =
        m_home.filePath(QStringLiteral("backup-%1.db").arg(QCoreApplication::applicationPid()));
    QFile::remove(backup);
    if (m_database->dialect() == Confab::Server::SqlDialect::Postgres) {
        const CommandRun run = admin({QStringLiteral("backup"), QStringLiteral("--to"), backup});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains("pg_dump"));
        QVERIFY(!run.err.contains(QByteArray(':' + m_database->config().password.toUtf8() + '@')));
        QVERIFY(!QFile::exists(backup));
        return;
    }
    const QStringList serverArguments {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
        QStringLiteral("--jwt-secret-file"), m_secretFile};
    ServerProcess server(binary);
    const QUrl url = server.start(serverArguments
            + QStringList {QStringLiteral("--database"), databaseUrl(m_database->config())},
        environment());
    QVERIFY2(url.isValid(), server.errorOutput().constData());
    ApiClient client(url);
    const ApiReply alice = client.post(QStringLiteral("/api/auth/register"),
        {{QStringLiteral("username"), QStringLiteral("alice")},
            {QStringLiteral("password"), QStringLiteral("alice's password")}});
    QCOMPARE(alice.status, 201);
    const ApiReply bob = client.post(QStringLiteral("/api/auth/register"),
        {{QStringLiteral("username"), QStringLiteral("bob")},
            {QStringLiteral("password"), QStringLiteral("bob's password")}});
    QCOMPARE(bob.status, 201);
    const QString token = alice.json.value(QStringLiteral("accessToken")).toString();
    const ApiReply conversation = client.post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"),
            QJsonArray {bob.json[QStringLiteral("user")][QStringLiteral("id")]}}},
        token);
    QCOMPARE(conversation.status, 201);
    const QString path = QStringLiteral("/api/conversations/%1/messages")
                             .arg(conversation.json.value(QStringLiteral("id")).toInteger());
    QCOMPARE(
        client.post(path, {{QStringLiteral("content"), QStringLiteral("in the backup")}}, token)
            .status,
        201);

    // The server keeps running (and holds its connections open) while the backup is taken.
    const CommandRun run = admin({QStringLiteral("backup"), QStringLiteral("--to"), backup});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(QFile::exists(backup));
    QCOMPARE(
        client.post(path, {{QStringLiteral("content"), QStringLiteral("after the backup")}}, token)
            .status,
        201);
    const CommandRun again = admin({QStringLiteral("backup"), QStringLiteral("--to"), backup});
    QCOMPARE(again.exitCode, 2); // never overwrites
    QVERIFY(server.stop());

    ServerProcess restored(binary);
    const QUrl restoredUrl = restored.start(serverArguments
            + QStringList {QStringLiteral("--database"), QStringLiteral("sqlite:") + backup},
        environment());
    QVERIFY2(restoredUrl.isValid(), restored.errorOutput().constData());
    ApiClient restoredClient(restoredUrl);
    const ApiReply login = restoredClient.post(QStringLiteral("/api/auth/login"),
        {{QStringLiteral("username"), QStringLiteral("alice")},
            {QStringLiteral("password"), QStringLiteral("alice's password")}});
    QCOMPARE(login.status, 200);
    const ApiReply history =
        restoredClient.get(path, login.json.value(QStringLiteral("accessToken")).toString());
    QCOMPARE(history.status, 200);
    const QJsonArray messages = history.json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0)[QStringLiteral("content")].toString(), QStringLiteral("in the backup"));
    QVERIFY(restored.stop());
}

QTEST_GUILESS_MAIN(TestAdminCommands)
#include "tst_admincommands.moc"
