// The options this branch adds to confab-server: --registration and --advertise [NAME] (and
// their environment variables), parsed as the server's main() parses them.
#include "server/core/serveroptions.h"

#include <QDir>
#include <QTest>

using namespace Confab;
using namespace Confab::Server;

class TestServerOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
};

namespace {
QProcessEnvironment baseEnvironment(const QStringList &extra)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("CONFAB_JWT_SECRET"), QString(40, QLatin1Char('k')));
    env.insert(QStringLiteral("CONFAB_DATABASE_URL"),
        QStringLiteral("sqlite:") + QDir::tempPath() + QStringLiteral("/confab-options.db"));
    for (const QString &entry : extra)
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    return env;
}
} // namespace

void TestServerOptions::parses_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QString>("registration"); // "" when not given
    QTest::addColumn<bool>("advertise");
    QTest::addColumn<QString>("name");

    const QString none;
    QTest::newRow("nothing") << QStringList() << QStringList() << none << false << none;
    QTest::newRow("invite") << QStringList {QStringLiteral("--registration"),
        QStringLiteral("invite")}
                            << QStringList() << QStringLiteral("invite") << false << none;
    QTest::newRow("open from env")
        << QStringList() << QStringList {QStringLiteral("CONFAB_REGISTRATION=open")}
        << QStringLiteral("open") << false << none;
    QTest::newRow("flag beats env") << QStringList {QStringLiteral("--registration=invite")}
                                    << QStringList {QStringLiteral("CONFAB_REGISTRATION=open")}
                                    << QStringLiteral("invite") << false << none;
    QTest::newRow("advertise, default name")
        << QStringList {QStringLiteral("--advertise")} << QStringList() << none << true << none;
    QTest::newRow("advertise with a name")
        << QStringList {QStringLiteral("--advertise"), QStringLiteral("Smith Family"),
               QStringLiteral("--listen"), QStringLiteral("0.0.0.0:8080")}
        << QStringList() << none << true << QStringLiteral("Smith Family");
    QTest::newRow("advertise before another option") << QStringList {QStringLiteral("--advertise"),
        QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}
                                                     << QStringList() << none << true << none;
    QTest::newRow("advertise=NAME") << QStringList {QStringLiteral("--advertise=Office")}
                                    << QStringList() << none << true << QStringLiteral("Office");
    QTest::newRow("env 1") << QStringList() << QStringList {QStringLiteral("CONFAB_ADVERTISE=1")}
                           << none << true << none;
    QTest::newRow("env name") << QStringList()
                              << QStringList {QStringLiteral("CONFAB_ADVERTISE=Lab server")} << none
                              << true << QStringLiteral("Lab server");
    QTest::newRow("env 0") << QStringList() << QStringList {QStringLiteral("CONFAB_ADVERTISE=0")}
                           << none << false << none;
}

void TestServerOptions::parses()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(QString, registration);
    QFETCH(bool, advertise);
    QFETCH(QString, name);
    arguments.prepend(QStringLiteral("confab-server"));
    Result<ServerOptions> options = ServerOptions::parse(arguments, baseEnvironment(environment));
    QVERIFY2(options, qPrintable(options ? QString() : options.error().message));
    QCOMPARE(options->settings.registration.has_value(), !registration.isEmpty());
    if (!registration.isEmpty())
        QCOMPARE(RegistrationModes::toString(*options->settings.registration), registration);
    QCOMPARE(options->settings.advertise, advertise);
    QCOMPARE(options->settings.advertiseName, name);
}

void TestServerOptions::rejects_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown mode") << QStringList {QStringLiteral("--registration"),
        QStringLiteral("closed")} << QStringList()
                                  << QStringLiteral("--registration needs open or invite");
    QTest::newRow("unknown mode from env")
        << QStringList() << QStringList {QStringLiteral("CONFAB_REGISTRATION=everyone")}
        << QStringLiteral("--registration needs open or invite");
    QTest::newRow("name too long")
        << QStringList {QStringLiteral("--advertise"), QString(64, QLatin1Char('n'))}
        << QStringList() << QStringLiteral("at most 63 bytes");
    QTest::newRow("a stray argument") << QStringList {QStringLiteral("--listen"),
        QStringLiteral("127.0.0.1:0"), QStringLiteral("stray")}
                                      << QStringList() << QStringLiteral("Unexpected argument");
}

void TestServerOptions::rejects()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, environment);
    QFETCH(QString, message);
    arguments.prepend(QStringLiteral("confab-server"));
    Result<ServerOptions> options = ServerOptions::parse(arguments, baseEnvironment(environment));
    QVERIFY(!options);
    QVERIFY2(options.error().message.contains(message), qPrintable(options.error().message));
}

QTEST_GUILESS_MAIN(TestServerOptions)
#include "tst_serveroptions.moc"
