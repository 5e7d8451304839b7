// The schema migrations: a new database gets them all, a reopened one none, a newer schema
// is refused, and an upgrade fills in what the new columns need.
#include "server/core/storage/connectionfactory.h"
#include "server/core/storage/migrator.h"
#include "tests/support/storagefixture.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Confab;
using namespace Confab::Server;
using Confab::Testing::StorageFixture;
using Confab::Testing::TestDatabase;

class TestMigrations : public StorageFixture
{
    Q_OBJECT

private Q_SLOTS:
    void migrationsApplyOnEmptyDatabase();
    void reopeningKeepsDataAndAppliesNothing();
    void newerSchemaIsRefused();
    void memberCountsAreFilledInOnUpgrade();
};

void TestMigrations::migrationsApplyOnEmptyDatabase()
{
    Result<qint64> recorded = scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations"));
    QVERIFY(recorded);
    QCOMPARE(*recorded, allMigrations().size());
    Result<qint64> highest = scalar(QStringLiteral("SELECT MAX(version) FROM schema_migrations"));
    QVERIFY(highest);
    QCOMPARE(*highest, allMigrations().constLast().version);
    for (const char *table :
        {"users", "conversations", "participants", "messages", "refresh_tokens"}) {
        Result<qint64> rows =
            scalar(QStringLiteral("SELECT COUNT(*) FROM ") + QLatin1String(table));
        QVERIFY2(rows, table);
        QCOMPARE(*rows, 0);
    }
}

void TestMigrations::reopeningKeepsDataAndAppliesNothing()
{
    const User alice = addUser(QStringLiteral("alice"));
    QVERIFY(alice.id);
    QVERIFY(reopen());

    Result<std::optional<User>> found = run<std::optional<User>>(
        [&](Storage &storage) { return storage.users().findById(alice.id); });
    QVERIFY(found);
    QVERIFY(found->has_value());
    QCOMPARE((*found)->username, QStringLiteral("alice"));

    Result<int> applied =
        run<int>([](Storage &storage) { return Migrator(storage.context()).migrate(); });
    QVERIFY(applied);
    QCOMPARE(*applied, 0);
    Result<qint64> recorded = scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations"));
    QVERIFY(recorded);
    QCOMPARE(*recorded, allMigrations().size());
}

void TestMigrations::newerSchemaIsRefused()
{
    QVERIFY(
        execRaw(QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"),
            {999, t0().toMSecsSinceEpoch()}));
    closeKeepingData();
    Result<std::unique_ptr<Database>> opened = Database::open(testDatabase().config());
    QVERIFY(!opened);
    QCOMPARE(opened.error().message,
        QStringLiteral("database schema version 999 is newer than this Confab (knows up to %1); "
                       "upgrade Confab")
            .arg(allMigrations().constLast().version));
}

void TestMigrations::memberCountsAreFilledInOnUpgrade()
{
    // A database with conversations made before migration 5, then upgraded.
    TestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.errorString()));
    Result<SqlContext> context =
        openConnection(database.config(), QStringLiteral("tst_migrations_member_counts"));
    QVERIFY2(context, qPrintable(context ? QString() : context.error().message));
    QVERIFY(Migrator(*context, allMigrations().mid(0, 4)).migrate());
    const auto exec = [&](const QString &sql) {
        QSqlQuery query(context->db);
        const bool ok = query.exec(sql);
        if (!ok)
            qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return ok;
    };
    for (const char *name : {"ann", "ben", "cy"}) {
        QVERIFY(exec(QStringLiteral("INSERT INTO users (username, username_key, display_name, "
                                    "password_hash, created_at) VALUES ('%1', '%1', '%1', 'x', 0)")
                         .arg(QLatin1String(name))));
    }
    QVERIFY(exec(QStringLiteral("INSERT INTO conversations (type, title, created_at, updated_at) "
                                "VALUES ('group', 'Three', 0, 0), ('group', 'Empty', 0, 0)")));
    QVERIFY(exec(QStringLiteral(
        "INSERT INTO participants (conversation_id, user_id, role, joined_at) SELECT c.id, u.id, "
        "'member', 0 FROM conversations c, users u WHERE c.title = 'Three'")));
    Result<int> upgraded = Migrator(*context).migrate();
    QVERIFY(upgraded);
    QCOMPARE(*upgraded, 1);
    QSqlQuery counts(context->db);
    QVERIFY(counts.exec(
        QStringLiteral("SELECT title, member_count FROM conversations ORDER BY title")));
    QVERIFY(counts.next());
    QCOMPARE(counts.value(0).toString(), QStringLiteral("Empty"));
    QCOMPARE(counts.value(1).toInt(), 0);
    QVERIFY(counts.next());
    QCOMPARE(counts.value(0).toString(), QStringLiteral("Three"));
    QCOMPARE(counts.value(1).toInt(), 3);
    counts.finish();
    closeConnection(std::move(context).value());
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
