// The confab-server binary as an operator runs it: options, the ready line, signals,
// restarts on the same data, and the request limits measured on the real process.
#include "tests/support/apiclient.h"
#include "tests/support/testdatabase.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

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

qint64 residentKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}
} // namespace

class TestServerProcess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void versionAndHelp();
    void badOptionsExitWithTwo_data();
    void badOptionsExitWithTwo();
    void unreachableDatabaseExitsWithTwo();
    void printsTheListeningLineAndStopsOnSignals_data();
    void printsTheListeningLineAndStopsOnSignals();
    void restartKeepsEverything();
    void hugeBodyIsRefusedWithoutBuffering();
    void tricklingClientIsDropped();
    void selfSignedTlsPrintsItsFingerprintAndKeepsIt();

private:
    /// Starts the server on a free port; returns the base URL (empty on failure).
    QUrl start(QProcess &process, const QStringList &extraArguments = {});
    QProcessEnvironment environment() const;

    QTemporaryDir m_home;
    TestDatabase m_database;
    QString m_secretFile;
};

void TestServerProcess::initTestCase()
{
    QVERIFY(QFile::exists(QStringLiteral(CONFAB_SERVER_BINARY)));
    QVERIFY(m_home.isValid());
    QVERIFY2(m_database.isValid(), qPrintable(m_database.errorString()));
    m_secretFile = m_home.filePath(QStringLiteral("secret"));
    QFile secret(m_secretFile);
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("a-test-secret-that-is-certainly-longer-than-32-bytes\n");
}

QProcessEnvironment TestServerProcess::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Keep the default data directory inside the test's own home.
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    env.remove(QStringLiteral("CONFAB_LISTEN"));
    env.remove(QStringLiteral("CONFAB_DATABASE_URL"));
    env.remove(QStringLiteral("CONFAB_JWT_SECRET"));
    env.remove(QStringLiteral("CONFAB_TLS_CERT"));
    env.remove(QStringLiteral("CONFAB_TLS_KEY"));
    env.remove(QStringLiteral("CONFAB_TLS_SELF_SIGNED"));
    return env;
}

QUrl TestServerProcess::start(QProcess &process, const QStringList &extraArguments)
{
    process.setProcessEnvironment(environment());
    process.start(QStringLiteral(CONFAB_SERVER_BINARY),
        QStringList {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
            QStringLiteral("--database"), databaseUrl(m_database.config()),
            QStringLiteral("--jwt-secret-file"), m_secretFile}
            + extraArguments);
    if (!process.waitForStarted(5000))
        return {};
    QByteArray output;
    QElapsedTimer timer;
    timer.start();
    while (!output.contains('\n') && timer.elapsed() < 20000) {
        if (!process.waitForReadyRead(500) && process.state() != QProcess::Running)
            break;
        output += process.readAllStandardOutput();
    }
    static const QRegularExpression line(
        QStringLiteral("^Listening on (http://127\\.0\\.0\\.1:(\\d+))\n$"));
    const QRegularExpressionMatch match = line.match(QString::fromUtf8(output));
    if (!match.hasMatch()) {
        qWarning() << "unexpected output:" << output << process.readAllStandardError();
        return {};
    }
    if (match.captured(2).toInt() == 0)
        return {};
    return QUrl(match.captured(1));
}

void TestServerProcess::versionAndHelp()
{
    QProcess version;
    version.start(QStringLiteral(CONFAB_SERVER_BINARY), {QStringLiteral("--version")});
    QVERIFY(version.waitForFinished(10000));
    QCOMPARE(version.exitCode(), 0);
    QVERIFY(version.readAllStandardOutput().startsWith("confab-server "));

    QProcess help;
    help.start(QStringLiteral(CONFAB_SERVER_BINARY), {QStringLiteral("--help")});
    QVERIFY(help.waitForFinished(10000));
    QCOMPARE(help.exitCode(), 0);
    const QByteArray text = help.readAllStandardOutput();
    for (const char *option : {"--listen", "--database", "--jwt-secret-file", "--max-connections",
             "--connection-threads", "--version", "--config", "--database-password-file",
             "admin create-user", "--tls-cert", "--tls-key", "--tls-self-signed"})
        QVERIFY2(text.contains(option), option);
}

void TestServerProcess::badOptionsExitWithTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");
    QTest::newRow("unknown flag") << QStringList {QStringLiteral("--bogus")} << QStringList();
    QTest::newRow("listen without port")
        << QStringList {QStringLiteral("--listen"), QStringLiteral("127.0.0.1")} << QStringList();
    QTest::newRow("listen bad host")
        << QStringList {QStringLiteral("--listen"), QStringLiteral("nowhere:80")} << QStringList();
    QTest::newRow("bad database url")
        << QStringList {QStringLiteral("--database"), QStringLiteral("mysql://x")} << QStringList();
    QTest::newRow("missing secret file")
        << QStringList {QStringLiteral("--jwt-secret-file"), QStringLiteral("/nonexistent/secret")}
        << QStringList();
    QTest::newRow("short secret") << QStringList()
                                  << QStringList {QStringLiteral("CONFAB_JWT_SECRET=short")};
    QTest::newRow("bad listen from env")
        << QStringList() << QStringList {QStringLiteral("CONFAB_LISTEN=garbage")};
    QTest::newRow("bad max connections")
        << QStringList {QStringLiteral("--max-connections"), QStringLiteral("-3")} << QStringList();
    QTest::newRow("too many connection threads")
        << QStringList() << QStringList {QStringLiteral("CONFAB_CONNECTION_THREADS=99")};
    QTest::newRow("tls certificate without key")
        << QStringList() << QStringList {QStringLiteral("CONFAB_TLS_CERT=/nonexistent/cert.pem")};
    QTest::newRow("tls files and self-signed") << QStringList {QStringLiteral("--tls-cert"),
        QStringLiteral("/nonexistent/cert.pem"), QStringLiteral("--tls-key"),
        QStringLiteral("/nonexistent/key.pem"), QStringLiteral("--tls-self-signed"),
        QStringLiteral("/nonexistent/dir")} << QStringList();
    QTest::newRow("unreadable tls certificate") << QStringList {QStringLiteral("--tls-cert"),
        QStringLiteral("/nonexistent/cert.pem"), QStringLiteral("--tls-key"),
        QStringLiteral("/nonexistent/key.pem")} << QStringList();
    QTest::newRow("self-signed directory cannot be made")
        << QStringList {QStringLiteral("--tls-self-signed"), QStringLiteral("/proc/version/x")}
        << QStringList();
}

void TestServerProcess::badOptionsExitWithTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QProcess process;
    QProcessEnvironment env = this->environment();
    for (const QString &entry : environment)
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(CONFAB_SERVER_BINARY), arguments);
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 2);
    const QByteArray error = process.readAllStandardError();
    QCOMPARE(error.count('\n'), 1);
    QVERIFY(error.startsWith("confab-server: "));
    QVERIFY(process.readAllStandardOutput().isEmpty());
}

void TestServerProcess::unreachableDatabaseExitsWithTwo()
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(QStringLiteral(CONFAB_SERVER_BINARY),
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--database"),
            QStringLiteral("postgres://nobody:nothing@127.0.0.1:1/none"),
            QStringLiteral("--jwt-secret-file"), m_secretFile});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 2);
    const QByteArray error = process.readAllStandardError();
    QCOMPARE(error.count('\n'), 1);
    QVERIFY(!error.contains("password")); // no secrets in the message
    QVERIFY(!process.readAllStandardOutput().contains("Listening"));
}

void TestServerProcess::printsTheListeningLineAndStopsOnSignals_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestServerProcess::printsTheListeningLineAndStopsOnSignals()
{
    QFETCH(int, signal);
    QProcess process;
    const QUrl url = start(process);
    QVERIFY(url.isValid());
    ApiClient client(url);
    QCOMPARE(client.get(QStringLiteral("/api/health")).status, 200);
    ::kill(pid_t(process.processId()), signal);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
}

void TestServerProcess::restartKeepsEverything()
{
    QString conversationId;
    {
        QProcess process;
        const QUrl url = start(process);
        QVERIFY(url.isValid());
        ApiClient client(url);
        const ApiReply alice = client.post(QStringLiteral("/api/auth/register"),
            {{QStringLiteral("username"), QStringLiteral("keeper")},
                {QStringLiteral("password"), QStringLiteral("keep it safe")}});
        QCOMPARE(alice.status, 201);
        const ApiReply bob = client.post(QStringLiteral("/api/auth/register"),
            {{QStringLiteral("username"), QStringLiteral("kept")},
                {QStringLiteral("password"), QStringLiteral("keep it safe")}});
        QCOMPARE(bob.status, 201);
        const QString token = alice.json.value(QStringLiteral("accessToken")).toString();
        const ApiReply conversation = client.post(QStringLiteral("/api/conversations"),
            {{QStringLiteral("participantIds"),
                QJsonArray {bob.json[QStringLiteral("user")][QStringLiteral("id")]}}},
            token);
        QCOMPARE(conversation.status, 201);
        conversationId = QString::number(conversation.json.value(QStringLiteral("id")).toInteger());
        const ApiReply message =
            client.post(QStringLiteral("/api/conversations/%1/messages").arg(conversationId),
                {{QStringLiteral("content"), QStringLiteral("still here after a restart")}}, token);
        QCOMPARE(message.status, 201);
        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
    }
    QProcess process;
    const QUrl url = start(process);
    QVERIFY(url.isValid());
    ApiClient client(url);
    const ApiReply login = client.post(QStringLiteral("/api/auth/login"),
        {{QStringLiteral("username"), QStringLiteral("keeper")},
            {QStringLiteral("password"), QStringLiteral("keep it safe")}});
    QCOMPARE(login.status, 200);
    const QString token = login.json.value(QStringLiteral("accessToken")).toString();
    const ApiReply history =
        client.get(QStringLiteral("/api/conversations/%1/messages").arg(conversationId), token);
    QCOMPARE(history.status, 200);
    const QJsonArray messages = history.json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0)[QStringLiteral("content")].toString(),
        QStringLiteral("still here after a restart"));
    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(10000));
}

void TestServerProcess::hugeBodyIsRefusedWithoutBuffering()
{
    QProcess process;
    const QUrl url = start(process);
    QVERIFY(url.isValid());
    const qint64 pid = process.processId();
    QCOMPARE(ApiClient(url).get(QStringLiteral("/api/health")).status, 200); // warmed up
    const qint64 before = residentKiB(pid);
    QVERIFY(before > 0);

    // A plain blocking socket, unlike QTcpSocket, keeps sending after the server's FIN, so the
    // server really has to swallow all 10 MB. poll() reads the answer while it is sent.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(quint16(url.port()));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    const qint64 bodySize = 10 * 1024 * 1024;
    QByteArray outgoing = "POST /api/auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Content-Type: application/json\r\nContent-Length: "
        + QByteArray::number(bodySize) + "\r\n\r\n";
    const qint64 headerSize = outgoing.size();
    outgoing += QByteArray(bodySize, 'x');
    qint64 sent = 0;
    QByteArray response;
    QElapsedTimer timer;
    timer.start();
    bool readable = true; // the server half-closes (FIN) after its answer, and keeps reading
    bool writable = true;
    while ((readable || writable) && timer.elapsed() < 20000
        && (sent < outgoing.size() || !response.contains("\r\n\r\n"))) {
        const bool wantWrite = writable && sent < outgoing.size();
        pollfd events = {fd, short((readable ? POLLIN : 0) | (wantWrite ? POLLOUT : 0)), 0};
        if (!wantWrite && !readable)
            break;
        if (::poll(&events, 1, 500) <= 0)
            continue;
        if (readable && (events.revents & (POLLIN | POLLHUP))) {
            char buffer[4096];
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                readable = false;
            else
                response.append(buffer, n);
        }
        if (wantWrite && (events.revents & POLLOUT)) {
            const ssize_t n = ::send(fd, outgoing.constData() + sent,
                size_t(qMin<qint64>(64 * 1024, outgoing.size() - sent)), MSG_NOSIGNAL);
            if (n < 0)
                writable = false;
            else
                sent += n;
        }
        if (events.revents & POLLERR)
            readable = writable = false;
    }
    ::close(fd);
    sent = qMax<qint64>(0, sent - headerSize);
    QVERIFY2(response.startsWith("HTTP/1.1 413"), response.left(200).constData());
    QVERIFY(response.contains("payload_too_large"));
    const qint64 after = residentKiB(pid);
    qInfo() << "server RSS before" << before << "KiB, after" << after << "KiB; body bytes sent"
            << sent;
    QVERIFY2(sent > 2 * 1024 * 1024,
        qPrintable(QStringLiteral("only %1 body bytes went out").arg(sent)));
#if defined(__SANITIZE_ADDRESS__)
    // ASan's quarantine keeps freed memory resident, so RSS says nothing about buffering here.
    qInfo() << "RSS bound not checked under AddressSanitizer";
#else
    QVERIFY2(after - before < 5 * 1024,
        qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(after - before)));
#endif
    ::kill(pid_t(pid), SIGTERM);
    QVERIFY(process.waitForFinished(10000));
}

void TestServerProcess::tricklingClientIsDropped()
{
    QProcess process;
    const QUrl url = start(process);
    QVERIFY(url.isValid());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(url.port()));
    QVERIFY(socket.waitForConnected(5000));
    const QByteArray request = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
        + QByteArray(200, 'z') + "\r\n\r\n";
    QElapsedTimer timer;
    timer.start();
    int index = 0;
    // One byte every 250 ms: the request would take almost a minute to arrive.
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 20000
        && index < request.size()) {
        socket.write(request.mid(index++, 1));
        socket.flush();
        socket.waitForDisconnected(250);
    }
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    qInfo() << "dropped after" << elapsed << "ms";
    QVERIFY2(elapsed >= 9000 && elapsed <= 13000, qPrintable(QString::number(elapsed)));
    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(10000));
}

void TestServerProcess::selfSignedTlsPrintsItsFingerprintAndKeepsIt()
{
    const QString directory = m_home.filePath(QStringLiteral("tls"));
    QString fingerprint;
    for (const bool firstStart : {true, false}) {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(CONFAB_SERVER_BINARY),
            {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                QStringLiteral("--database"), databaseUrl(m_database.config()),
                QStringLiteral("--jwt-secret-file"), m_secretFile,
                QStringLiteral("--tls-self-signed"), directory});
        QVERIFY(process.waitForStarted(5000));
        QByteArray output;
        QElapsedTimer timer;
        timer.start();
        while (!output.contains("Listening") && timer.elapsed() < 20000) {
            if (!process.waitForReadyRead(500) && process.state() != QProcess::Running)
                break;
            output += process.readAllStandardOutput();
        }
        while (!output.endsWith('\n') && process.waitForReadyRead(2000))
            output += process.readAllStandardOutput();
        static const QRegularExpression lines(
            QStringLiteral("^(Generated a self-signed certificate in [^\n]+\n)?"
                           "Certificate fingerprint: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})\n"
                           "Listening on https://127\\.0\\.0\\.1:(\\d+)\n$"));
        const QRegularExpressionMatch match = lines.match(QString::fromUtf8(output));
        QVERIFY2(match.hasMatch(), output.constData());
        QCOMPARE(match.hasCaptured(1), firstStart);
        if (firstStart)
            fingerprint = match.captured(2);
        else
            QCOMPARE(match.captured(2), fingerprint); // reused: pinned clients keep trusting it

        const QList<QSslCertificate> kept =
            QSslCertificate::fromPath(directory + QStringLiteral("/server-certificate.pem"));
        QCOMPARE(kept.size(), 1);
        QCOMPARE(QString::fromLatin1(
                     kept.first().digest(QCryptographicHash::Sha256).toHex(':').toUpper()),
            fingerprint);
        QCOMPARE(QFile::permissions(directory + QStringLiteral("/server-key.pem"))
                & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
            QFileDevice::Permissions());

        // HTTPS answers, verified against the kept certificate (the server is another process:
        // blocking waits are fine here).
        QSslSocket socket;
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates(kept);
        socket.setSslConfiguration(configuration);
        socket.connectToHostEncrypted(
            QStringLiteral("127.0.0.1"), quint16(match.captured(3).toUInt()));
        QVERIFY2(socket.waitForEncrypted(10000), qPrintable(socket.errorString()));
        socket.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QByteArray reply;
        while (!reply.contains("\"ok\"") && socket.waitForReadyRead(10000))
            reply += socket.readAll();
        QVERIFY2(reply.startsWith("HTTP/1.1 200"), reply.constData());

        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
    }
}

QTEST_GUILESS_MAIN(TestServerProcess)
#include "tst_serverprocess.moc"
