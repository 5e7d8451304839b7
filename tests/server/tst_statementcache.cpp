// Statements kept prepared per connection (StatementCache, CachedQuery): kept and run again with
// new values, a nested use of the same SQL, statements finished when their run ends (an SQLite
// reader must not keep the WAL from being checkpointed), a full cache, and bad SQL.
#include "server/core/storage/cachedquery.h"
#include "server/core/storage/connectionfactory.h"
#include "server/core/storage/storage.h"
#include "tests/support/storagefixture.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Confab;
using namespace Confab::Server;
using Confab::Testing::StorageFixture;

namespace {

const QString kUserIds = QStringLiteral("SELECT id FROM users WHERE id >= ? ORDER BY id");

Result<QList<qint64>> readAll(CachedQuery &query)
{
    QList<qint64> ids;
    while (query->next())
        ids << query->value(0).toLongLong();
    return ids;
}

} // namespace

class TestStatementCache : public StorageFixture
{
    Q_OBJECT

private Q_SLOTS:
    void keepsAStatementAndRunsItWithNewValues();
    void nestedUseOfTheSameSqlReadsItsOwnRows();
    void finishedRunsLetTheWalBeCheckpointed();
    void aFullCacheStillRunsEveryStatement();
    void badSqlFailsClearlyAndLeavesTheCacheUsable();
    void aStatementTheServerDroppedIsPreparedAgain();
};

void TestStatementCache::keepsAStatementAndRunsItWithNewValues()
{
    const qint64 first = addUser(QStringLiteral("ann")).id;
    const qint64 second = addUser(QStringLiteral("ben")).id;
    const Result<QList<qint64>> seen = run<QList<qint64>>([&](Storage &storage) {
        SqlContext &context = storage.context();
        const qsizetype before = context.statements->size();
        QList<qint64> counts;
        for (qint64 from : {first, second, second + 1}) {
            CachedQuery query(context, kUserIds);
            if (Result<void> ran = query.exec({from}, "listing users"); !ran)
                return Result<QList<qint64>>(ran.error());
            counts << readAll(query)->size();
        }
        counts << context.statements->size() - before;
        if (context.dialect == SqlDialect::Postgres) {
            // The server side keeps one prepared statement for the three runs.
            QSqlQuery prepared(context.db);
            if (!prepared.exec(
                    QStringLiteral("SELECT count(*) FROM pg_prepared_statements WHERE "
                                   "statement LIKE '%SELECT id FROM users WHERE id >=%'")))
                return Result<QList<qint64>>(internalError(prepared.lastError().text()));
            counts << (prepared.next() ? prepared.value(0).toLongLong() : -1);
        }
        return Result<QList<qint64>>(counts);
    });
    QVERIFY2(seen, qPrintable(seen ? QString() : seen.error().message));
    QCOMPARE(seen->mid(0, 4), (QList<qint64> {2, 1, 0, 1}));
    if (testDatabase().dialect() == SqlDialect::Postgres)
        QCOMPARE(seen->at(4), 1);
}

void TestStatementCache::nestedUseOfTheSameSqlReadsItsOwnRows()
{
    QList<qint64> ids;
    for (const char *name : {"ann", "ben", "cat"})
        ids << addUser(QString::fromLatin1(name)).id;
    const Result<QList<qint64>> seen = run<QList<qint64>>([&](Storage &storage) {
        QList<qint64> order;
        CachedQuery outer(storage.context(), kUserIds);
        if (Result<void> ran = outer.exec({ids.first()}, "outer"); !ran)
            return Result<QList<qint64>>(ran.error());
        while (outer->next()) {
            order << outer->value(0).toLongLong();
            CachedQuery inner(storage.context(), kUserIds);
            if (Result<void> ran = inner.exec({ids.last()}, "inner"); !ran)
                return Result<QList<qint64>>(ran.error());
            order << readAll(inner)->size();
        }
        return Result<QList<qint64>>(order);
    });
    QVERIFY2(seen, qPrintable(seen ? QString() : seen.error().message));
    QCOMPARE(*seen, (QList<qint64> {ids[0], 1, ids[1], 1, ids[2], 1}));
}

void TestStatementCache::finishedRunsLetTheWalBeCheckpointed()
{
    if (testDatabase().dialect() != SqlDialect::Sqlite)
        QSKIP("SQLite's write-ahead log only");
    for (const char *name : {"ann", "ben"})
        addUser(QString::fromLatin1(name));
    const DatabaseConfig config = testDatabase().config();
    // Busy flags of a full checkpoint taken from a second connection, after it wrote a row:
    // while a statement is half read, and after its CachedQuery has gone.
    const Result<QList<qint64>> busy = run<QList<qint64>>([&](Storage &storage) {
        Result<SqlContext> other =
            openConnection(config, uniqueConnectionName(QStringLiteral("checkpointer")));
        if (!other)
            return Result<QList<qint64>>(other.error());
        const auto writeAndCheckpoint = [&other](const QString &name) -> qint64 {
            QSqlQuery query(other->db);
            if (!query.exec(QStringLiteral("UPDATE users SET bio = '%1'").arg(name))
                || !query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")))
                return -2;
            return query.next() ? query.value(0).toLongLong() : -1;
        };
        QList<qint64> flags;
        {
            CachedQuery query(storage.context(), kUserIds);
            const Result<void> ran = query.exec({0}, "listing users");
            query->next(); // one row read, the second still waiting
            flags << (ran ? writeAndCheckpoint(QStringLiteral("one")) : -3);
        }
        flags << writeAndCheckpoint(QStringLiteral("two"));
        closeConnection(std::move(other).value());
        return Result<QList<qint64>>(flags);
    });
    QVERIFY2(busy, qPrintable(busy ? QString() : busy.error().message));
    QCOMPARE(*busy, (QList<qint64> {1, 0}));
}

void TestStatementCache::aFullCacheStillRunsEveryStatement()
{
    const Result<QList<qint64>> sums = run<QList<qint64>>([](Storage &storage) {
        QList<qint64> values;
        for (int i = 0; i < StatementCache::kCapacity + 20; ++i) {
            CachedQuery query(storage.context(), QStringLiteral("SELECT %1 + ?").arg(i));
            if (Result<void> ran = query.exec({1000}, "adding"); !ran)
                return Result<QList<qint64>>(ran.error());
            values << (query->next() ? query->value(0).toLongLong() : -1);
        }
        values << storage.context().statements->size();
        return Result<QList<qint64>>(values);
    });
    QVERIFY2(sums, qPrintable(sums ? QString() : sums.error().message));
    for (int i = 0; i < StatementCache::kCapacity + 20; ++i)
        QCOMPARE(sums->at(i), 1000 + i);
    QCOMPARE(sums->last(), StatementCache::kCapacity);
}

void TestStatementCache::badSqlFailsClearlyAndLeavesTheCacheUsable()
{
    // The log names what failed; the caller gets the server's usual 500.
    for (int attempt = 0; attempt < 2; ++attempt)
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral("^reading nowhere failed: ")));
    const qint64 id = addUser(QStringLiteral("ann")).id;
    const Result<QList<qint64>> after = run<QList<qint64>>([&](Storage &storage) {
        for (int attempt = 0; attempt < 2; ++attempt) {
            CachedQuery broken(storage.context(), QStringLiteral("SELECT nope FROM nowhere"));
            const Result<void> ran = broken.exec({}, "reading nowhere");
            if (ran)
                return Result<QList<qint64>>(internalError(QStringLiteral("bad SQL ran")));
            if (ran.error().httpStatus != 500)
                return Result<QList<qint64>>(ran.error());
        }
        CachedQuery good(storage.context(), kUserIds);
        if (Result<void> ran = good.exec({id}, "listing users"); !ran)
            return Result<QList<qint64>>(ran.error());
        return readAll(good);
    });
    QVERIFY2(after, qPrintable(after ? QString() : after.error().message));
    QCOMPARE(*after, QList<qint64> {id});
}

void TestStatementCache::aStatementTheServerDroppedIsPreparedAgain()
{
    if (testDatabase().dialect() != SqlDialect::Postgres)
        QSKIP("PostgreSQL keeps prepared statements on its side");
    const qint64 id = addUser(QStringLiteral("ann")).id;
    QTest::ignoreMessage(
        QtWarningMsg, QRegularExpression(QStringLiteral("^after the reset failed: ")));
    const Result<QList<qint64>> runs = run<QList<qint64>>([&](Storage &storage) {
        QList<qint64> outcome;
        const auto once = [&](const char *what) -> qint64 {
            CachedQuery query(storage.context(), kUserIds);
            if (!query.exec({id}, what))
                return -1;
            return readAll(query)->size();
        };
        outcome << once("before the reset");
        // What a reset connection (or a pooler handing out another session) looks like.
        QSqlQuery reset(storage.context().db);
        if (!reset.exec(QStringLiteral("DEALLOCATE ALL")))
            return Result<QList<qint64>>(internalError(reset.lastError().text()));
        outcome << once("after the reset") << once("prepared again");
        return Result<QList<qint64>>(outcome);
    });
    QVERIFY2(runs, qPrintable(runs ? QString() : runs.error().message));
    QCOMPARE(*runs, (QList<qint64> {1, -1, 1}));
}

QTEST_GUILESS_MAIN(TestStatementCache)
#include "tst_statementcache.moc"
