// How the server reaches its database: database URLs, a database that cannot be reached,
// ping, the read-only readers, and the settings of every SQLite connection.
#include "tests/support/storagefixture.h"

#include <QCoroTask>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Confab;
using namespace Confab::Server;
using Confab::Testing::StorageFixture;

class TestStorageConnections : public StorageFixture
{
    Q_OBJECT

private Q_SLOTS:
    void databaseUrl_data();
    void databaseUrl();
    void unreachableDatabaseFailsWithMessage();
    void ping();
    void readersSeeCommitsAndRefuseWrites();
    void sqliteConnectionSettings_data();
    void sqliteConnectionSettings();
};

void TestStorageConnections::databaseUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("described");
    QTest::addColumn<QString>("password");

    QTest::newRow("sqlite absolute")
        << QStringLiteral("sqlite:/var/lib/confab/confab.db") << true
        << QStringLiteral("sqlite:/var/lib/confab/confab.db") << QString();
    QTest::newRow("sqlite url form") << QStringLiteral("sqlite:///srv/c.db") << true
                                     << QStringLiteral("sqlite:/srv/c.db") << QString();
    QTest::newRow("postgres") << QStringLiteral("postgres://bob:s3cr%40t@db.local:6543/chat")
                              << true << QStringLiteral("postgres://bob:***@db.local:6543/chat")
                              << QStringLiteral("s3cr@t");
    QTest::newRow("postgresql default port")
        << QStringLiteral("postgresql://bob:pw@db/chat") << true
        << QStringLiteral("postgres://bob:***@db:5432/chat") << QStringLiteral("pw");
    QTest::newRow("memory refused")
        << QStringLiteral("sqlite::memory:") << false << QString() << QString();
    QTest::newRow("empty sqlite path")
        << QStringLiteral("sqlite:") << false << QString() << QString();
    QTest::newRow("no database name")
        << QStringLiteral("postgres://bob:pw@db:5432/") << false << QString() << QString();
    QTest::newRow("no user") << QStringLiteral("postgres://db:5432/chat") << false << QString()
                             << QString();
    QTest::newRow("unknown scheme")
        << QStringLiteral("mysql://bob:pw@db/chat") << false << QString() << QString();
}

void TestStorageConnections::databaseUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    QFETCH(QString, described);
    QFETCH(QString, password);

    Result<DatabaseConfig> config = DatabaseConfig::fromUrl(url);
    QCOMPARE(config.ok(), valid);
    if (!valid) {
        QCOMPARE(config.error().code, QStringLiteral("invalid_database_url"));
        QVERIFY(!config.error().message.contains(QLatin1String("pw")));
        return;
    }
    QCOMPARE(config->describe(), described);
    QCOMPARE(config->password, password);
}

void TestStorageConnections::unreachableDatabaseFailsWithMessage()
{
    DatabaseConfig config;
    if (testDatabase().dialect() == SqlDialect::Sqlite) {
        config.sqlitePath = QStringLiteral("/nonexistent-directory/confab.db");
    } else {
        config = testDatabase().config();
        config.port = 1; // nothing listens there
    }
    Result<std::unique_ptr<Database>> opened = Database::open(config);
    QVERIFY(!opened);
    QVERIFY2(opened.error().message.startsWith(QLatin1String("cannot open the database")),
        qPrintable(opened.error().message));
    QVERIFY(!opened.error().message.contains(QLatin1Char('\n')));
    if (!config.password.isEmpty()) {
        QVERIFY(!opened.error().message.contains(
            config.user + QLatin1Char(':') + config.password + QLatin1Char('@')));
        QVERIFY(opened.error().message.contains(QLatin1String(":***@")));
    }
}

void TestStorageConnections::ping()
{
    std::optional<Result<void>> pinged;
    QCoro::waitFor([](Database *db, std::optional<Result<void>> *out) -> QCoro::Task<> {
        out->emplace(co_await db->ping());
    }(&database(), &pinged));
    QVERIFY(pinged.has_value());
    QVERIFY(*pinged);
}

void TestStorageConnections::readersSeeCommitsAndRefuseWrites()
{
    // Every read after a write has returned sees it, on every reader.
    for (int i = 0; i < 6; ++i) {
        const User user = addUser(QStringLiteral("reader%1").arg(i));
        QVERIFY(user.id);
        Result<std::optional<User>> found = read<std::optional<User>>(
            [&](Storage &storage) { return storage.users().findById(user.id); });
        QVERIFY(found);
        QVERIFY(found->has_value());
        QCOMPARE((*found)->username, user.username);
    }
    if (database().dialect() != SqlDialect::Sqlite)
        return; // PostgreSQL reads on its ordinary workers
    // SQLite readers are read-only connections: a write there is refused, not stored.
    Result<User> written = read<User>([](Storage &storage) {
        return storage.users().create(NewUser {QStringLiteral("sneaky"), QStringLiteral("Sneaky"),
            QStringLiteral("$argon2id$fake"), QDateTime::fromMSecsSinceEpoch(0, Qt::UTC)});
    });
    QVERIFY(!written);
    QCOMPARE(*scalar(QStringLiteral("SELECT COUNT(*) FROM users WHERE username = 'sneaky'")), 0);
}

void TestStorageConnections::sqliteConnectionSettings_data()
{
    QTest::addColumn<QString>("pragma");
    QTest::addColumn<QString>("expected");
    QTest::newRow("WAL") << QStringLiteral("journal_mode") << QStringLiteral("wal");
    QTest::newRow("foreign keys") << QStringLiteral("foreign_keys") << QStringLiteral("1");
    QTest::newRow("synchronous FULL") << QStringLiteral("synchronous") << QStringLiteral("2");
    QTest::newRow("busy timeout") << QStringLiteral("busy_timeout") << QStringLiteral("5000");
    QTest::newRow("secure delete") << QStringLiteral("secure_delete") << QStringLiteral("1");
}

void TestStorageConnections::sqliteConnectionSettings()
{
    if (testDatabase().dialect() != SqlDialect::Sqlite)
        QSKIP("SQLite pragmas only");
    QFETCH(QString, pragma);
    QFETCH(QString, expected);
    Result<QString> value = run<QString>([&](Storage &storage) -> Result<QString> {
        QSqlQuery query(storage.context().db);
        if (!query.exec(QStringLiteral("PRAGMA ") + pragma) || !query.next())
            return internalError(query.lastError().text());
        return query.value(0).toString();
    });
    QVERIFY(value);
    QCOMPARE(*value, expected);
}

QTEST_GUILESS_MAIN(TestStorageConnections)
#include "tst_storageconnections.moc"
