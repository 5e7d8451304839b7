// LAN discovery for real: a confab-server started with --advertise must show up in Avahi's
// own avahi-browse, and ServiceBrowser/DiscoveredServerModel must see a service announced
// by avahi-publish appear, and disappear when that announcement ends.
//
// Needs avahi-daemon on a system bus: run through scripts/lan-harness.sh (scripts/test.sh
// does), which sets CONFAB_TEST_AVAHI=1. Without that variable the tests skip; with it they
// fail when discovery does not work. One test, that a server without a reachable daemon
// only warns, runs everywhere.
#include "app/core/discoveredservermodel.h"
#include "app/core/servicebrowser.h"
#include "tests/support/testdatabase.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Confab::Client;

namespace {
constexpr int kTimeoutMs = 20000;

// avahi-browse -p writes names with \DDD (decimal) escapes for bytes such as spaces.
QString unescapeAvahi(const QString &text)
{
    static const QRegularExpression escape(QStringLiteral("^\\\\(\\d{3})"));
    const QByteArray in = text.toUtf8();
    QByteArray out;
    for (qsizetype i = 0; i < in.size(); ++i) {
        const QRegularExpressionMatch match = escape.match(QString::fromLatin1(in.mid(i, 4)));
        if (match.hasMatch()) {
            out.append(char(match.captured(1).toInt()));
            i += 3;
        } else {
            out.append(in.at(i));
        }
    }
    return QString::fromUtf8(out);
}

struct BrowsedService
{
    QString name;
    QString host;
    QString address;
    int port = 0;
    QString txt;
};

// One `avahi-browse -rpt` run: the resolved `_confab._tcp` services it printed.
QList<BrowsedService> browseWithAvahi()
{
    QProcess browse;
    browse.start(QStringLiteral("avahi-browse"),
        {QStringLiteral("-r"), QStringLiteral("-p"), QStringLiteral("-t"),
            QStringLiteral("_confab._tcp")});
    if (!browse.waitForFinished(kTimeoutMs))
        browse.kill();
    QList<BrowsedService> services;
    const QStringList lines =
        QString::fromUtf8(browse.readAllStandardOutput()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QStringList fields = line.split(QLatin1Char(';'));
        if (fields.size() < 10 || fields.at(0) != QLatin1String("="))
            continue;
        BrowsedService service;
        service.name = unescapeAvahi(fields.at(3));
        service.host = fields.at(6);
        service.address = fields.at(7);
        service.port = fields.at(8).toInt();
        service.txt = fields.mid(9).join(QLatin1Char(';'));
        services << service;
    }
    return services;
}

QString databaseUrl(const Confab::Server::DatabaseConfig &config)
{
    return QStringLiteral("sqlite:") + config.sqlitePath;
}
} // namespace

class TestLan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void advertisingWithoutADaemonOnlyWarns();
    void serverAnnouncesItself();
    void browserSeesAServiceComeAndGo();
    void browserSeesAnAdvertisingServer();

private:
    static bool needsAvahi();
    bool startServer(QProcess &process, const QString &name, Confab::Testing::TestDatabase &db);
    const QString m_suffix = QString::number(QCoreApplication::applicationPid());
};

bool TestLan::needsAvahi()
{
    return !qEnvironmentVariableIsEmpty("CONFAB_TEST_AVAHI");
}

#define REQUIRE_AVAHI()                                                                            \
    if (!needsAvahi())                                                                             \
        QSKIP("LAN discovery needs avahi-daemon: run through scripts/lan-harness.sh "              \
              "(scripts/test.sh does), which sets CONFAB_TEST_AVAHI=1.");

void TestLan::advertisingWithoutADaemonOnlyWarns()
{
    // Runs everywhere: the bus named here does not exist, so no daemon can be reached.
    Confab::Testing::TestDatabase db;
    QVERIFY2(db.isValid(), qPrintable(db.errorString()));
    QTemporaryDir nowhere;
    QProcess server;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS"),
        QStringLiteral("unix:path=") + nowhere.filePath(QStringLiteral("no-bus")));
    env.insert(QStringLiteral("CONFAB_JWT_SECRET"), QString(40, QLatin1Char('s')));
    server.setProcessEnvironment(env);
    server.start(QStringLiteral(CONFAB_SERVER_BINARY),
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--database"),
            databaseUrl(db.config()), QStringLiteral("--advertise")});
    QVERIFY(server.waitForStarted(kTimeoutMs));
    QString errors;
    QTRY_VERIFY_WITH_TIMEOUT(
        (errors += QString::fromUtf8(server.readAllStandardError()))
            .contains(QStringLiteral("warning: cannot announce on the local network")),
        kTimeoutMs);
    // Still serving.
    QString output = QString::fromUtf8(server.readAllStandardOutput());
    const QRegularExpressionMatch listening =
        QRegularExpression(QStringLiteral("Listening on (http://127.0.0.1:\\d+)")).match(output);
    QVERIFY2(listening.hasMatch(), qPrintable(output));
    QNetworkAccessManager network;
    QNetworkReply *health =
        network.get(QNetworkRequest(QUrl(listening.captured(1) + QStringLiteral("/api/health"))));
    QTRY_VERIFY_WITH_TIMEOUT(health->isFinished(), kTimeoutMs);
    QCOMPARE(health->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    delete health;
    QCOMPARE(server.state(), QProcess::Running);
    server.terminate();
    QVERIFY(server.waitForFinished(kTimeoutMs));
    QCOMPARE(server.exitCode(), 0);
}

bool TestLan::startServer(QProcess &process, const QString &name, Confab::Testing::TestDatabase &db)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CONFAB_JWT_SECRET"), QString(40, QLatin1Char('s')));
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(QStringLiteral(CONFAB_SERVER_BINARY),
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--database"),
            databaseUrl(db.config()), QStringLiteral("--advertise"), name});
    return process.waitForStarted(kTimeoutMs);
}

void TestLan::serverAnnouncesItself()
{
    REQUIRE_AVAHI();
    Confab::Testing::TestDatabase db;
    QVERIFY2(db.isValid(), qPrintable(db.errorString()));
    const QString name = QStringLiteral("Confab Test Server ") + m_suffix;
    QProcess server;
    QVERIFY(startServer(server, name, db));
    QString output;
    QTRY_VERIFY_WITH_TIMEOUT((output += QString::fromUtf8(server.readAllStandardOutput()))
                                 .contains(QStringLiteral("Announced on the local network")),
        kTimeoutMs);
    const QRegularExpressionMatch listening =
        QRegularExpression(QStringLiteral("Listening on http://127.0.0.1:(\\d+)")).match(output);
    QVERIFY2(listening.hasMatch(), qPrintable(output));
    const int port = listening.captured(1).toInt();
    QVERIFY2(output.contains(QStringLiteral("as \"%1\"").arg(name)), qPrintable(output));

    std::optional<BrowsedService> found;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const BrowsedService &service : browseWithAvahi()) {
                if (service.name == name)
                    found = service;
            }
            return found.has_value();
        }(),
        kTimeoutMs);
    QCOMPARE(found->port, port);
    QVERIFY2(found->txt.contains(QStringLiteral("\"proto=1\"")), qPrintable(found->txt));
    QVERIFY2(found->txt.contains(QStringLiteral("\"tls=0\"")), qPrintable(found->txt));
    QVERIFY2(!found->txt.contains(QStringLiteral("fp=")), qPrintable(found->txt));

    server.terminate();
    QVERIFY(server.waitForFinished(kTimeoutMs));
    QCOMPARE(server.exitCode(), 0);
    // Its announcement ends with it.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const BrowsedService &service : browseWithAvahi()) {
                if (service.name == name)
                    return false;
            }
            return true;
        }(),
        kTimeoutMs);
}

void TestLan::browserSeesAServiceComeAndGo()
{
    REQUIRE_AVAHI();
    ServiceBrowser browser;
    DiscoveredServerModel model(&browser);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY2(browser.start(), qPrintable(browser.errorString()));

    const QString name = QStringLiteral("Published Confab ") + m_suffix;
    QProcess publish;
    publish.start(QStringLiteral("avahi-publish"),
        {QStringLiteral("-s"), name, QStringLiteral("_confab._tcp"), QStringLiteral("4711"),
            QStringLiteral("proto=1"), QStringLiteral("tls=1"), QStringLiteral("fp=AB:CD:EF")});
    QVERIFY(publish.waitForStarted(kTimeoutMs));

    QTRY_VERIFY_WITH_TIMEOUT(model.rowOf(name) >= 0, kTimeoutMs);
    const QModelIndex row = model.index(model.rowOf(name));
    QCOMPARE(row.data(Qt::DisplayRole).toString(), name);
    QCOMPARE(row.data(DiscoveredServerModel::PortRole).toInt(), 4711);
    QCOMPARE(row.data(DiscoveredServerModel::TlsRole).toBool(), true);
    QCOMPARE(
        row.data(DiscoveredServerModel::FingerprintRole).toString(), QStringLiteral("AB:CD:EF"));
    QCOMPARE(row.data(DiscoveredServerModel::AddressRole).toString(), QStringLiteral("127.0.0.1"));
    QVERIFY(row.data(DiscoveredServerModel::HostRole).toString().endsWith(QLatin1String(".local")));
    QCOMPARE(row.data(DiscoveredServerModel::UrlRole).toUrl(),
        QUrl(QStringLiteral("https://127.0.0.1:4711")));

    publish.terminate();
    QVERIFY(publish.waitForFinished(kTimeoutMs));
    QTRY_VERIFY_WITH_TIMEOUT(model.rowOf(name) < 0, kTimeoutMs);
}

void TestLan::browserSeesAnAdvertisingServer()
{
    REQUIRE_AVAHI();
    ServiceBrowser browser;
    DiscoveredServerModel model(&browser);
    QVERIFY2(browser.start(), qPrintable(browser.errorString()));

    Confab::Testing::TestDatabase db;
    QVERIFY2(db.isValid(), qPrintable(db.errorString()));
    const QString name = QStringLiteral("Advertised Confab ") + m_suffix;
    QProcess server;
    QVERIFY(startServer(server, name, db));
    QTRY_VERIFY_WITH_TIMEOUT(model.rowOf(name) >= 0, kTimeoutMs);
    const DiscoveredServer found = model.serverAt(model.rowOf(name));
    QCOMPARE(found.tls, false);
    QVERIFY(found.port > 0);
    QCOMPARE(found.url().scheme(), QStringLiteral("http"));

    server.terminate();
    QVERIFY(server.waitForFinished(kTimeoutMs));
    QTRY_VERIFY_WITH_TIMEOUT(model.rowOf(name) < 0, kTimeoutMs);
}

QTEST_GUILESS_MAIN(TestLan)
#include "tst_lan.moc"
