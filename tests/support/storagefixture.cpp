#include "tests/support/storagefixture.h"

#include "common/timeformat.h"
#include "tests/support/rawsql.h"

#include <QTest>

namespace Confab::Testing {

using Server::Database;
using Server::Storage;

QDateTime StorageFixture::t0()
{
    return fromEpochMs(1'700'000'000'000);
}

void StorageFixture::init()
{
    m_testDb = std::make_unique<TestDatabase>();
    QVERIFY2(m_testDb->isValid(), qPrintable(m_testDb->errorString()));
    const Result<void> opened = reopen();
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
}

void StorageFixture::cleanup()
{
    m_db.reset();
    m_testDb.reset();
}

Result<void> StorageFixture::reopen()
{
    m_db.reset();
    Result<std::unique_ptr<Database>> opened = Database::open(m_testDb->config());
    if (!opened) {
        qWarning("opening the database: %s", qPrintable(opened.error().message));
        return opened.error();
    }
    m_db = std::move(opened).value();
    return {};
}

Result<void> StorageFixture::execRaw(const QString &sql, const QVariantList &values)
{
    return run<void>([&](Storage &storage) { return execSql(storage, sql, values); });
}

Result<qint64> StorageFixture::scalar(const QString &sql, const QVariantList &values)
{
    return run<qint64>([&](Storage &storage) { return scalarSql(storage, sql, values); });
}

User StorageFixture::addUser(const QString &username, const QString &displayName)
{
    const Server::NewUser user {username, displayName.isEmpty() ? username : displayName,
        QStringLiteral("$argon2id$fake"), t0()};
    Result<User> created =
        run<User>([&](Storage &storage) { return storage.users().create(user); });
    if (!created) {
        qWarning("addUser(%s): %s", qPrintable(username), qPrintable(created.error().message));
        return {};
    }
    return *created;
}

} // namespace Confab::Testing
