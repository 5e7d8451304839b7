#include "tests/support/testdatabase.h"

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace Confab::Testing {

using Server::DatabaseConfig;
using Server::SqlDialect;

SqlDialect TestDatabase::dialectFromEnvironment()
{
    return qEnvironmentVariable("CONFAB_TEST_DATABASE") == QLatin1String("postgres")
        ? SqlDialect::Postgres
        : SqlDialect::Sqlite;
}

TestDatabase::TestDatabase()
{
    if (dialectFromEnvironment() == SqlDialect::Postgres) {
        createPostgres();
        return;
    }
    m_directory = std::make_unique<QTemporaryDir>();
    if (!m_directory->isValid()) {
        m_errorString =
            QStringLiteral("cannot make a temporary directory: ") + m_directory->errorString();
        return;
    }
    m_config.dialect = SqlDialect::Sqlite;
    m_config.sqlitePath = m_directory->filePath(QStringLiteral("confab.db"));
}

TestDatabase::~TestDatabase()
{
    if (m_created)
        dropPostgres();
}

void TestDatabase::createPostgres()
{
    const QString url = qEnvironmentVariable("CONFAB_TEST_POSTGRES_URL");
    if (url.isEmpty()) {
        m_errorString = QStringLiteral(
            "CONFAB_TEST_POSTGRES_URL is not set; point it at a PostgreSQL account with "
            "CREATEDB, e.g. postgres://confab:confab@127.0.0.1:5432/postgres");
        return;
    }
    Result<DatabaseConfig> admin = DatabaseConfig::fromUrl(url);
    if (!admin || admin->dialect != SqlDialect::Postgres) {
        m_errorString = QStringLiteral("CONFAB_TEST_POSTGRES_URL is not a PostgreSQL URL");
        return;
    }
    m_adminConfig = *admin;
    m_config = *admin;
    // Random, so parallel test runs and leftovers of crashed runs never collide.
    m_config.databaseName =
        QStringLiteral("confab_test_%1")
            .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    m_errorString = runAdminStatement(QStringLiteral("CREATE DATABASE ") + m_config.databaseName);
    m_created = m_errorString.isEmpty();
}

void TestDatabase::dropPostgres()
{
    // FORCE: a test that failed half-way may have left connections open.
    const QString error = runAdminStatement(
        QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_config.databaseName));
    if (!error.isEmpty())
        qWarning("TestDatabase: %s", qPrintable(error));
}

QString TestDatabase::runAdminStatement(const QString &sql)
{
    static std::atomic<int> counter {0};
    const QString name = QStringLiteral("confab-test-admin-%1").arg(++counter);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(m_adminConfig.host);
        db.setPort(m_adminConfig.port);
        db.setUserName(m_adminConfig.user);
        db.setPassword(m_adminConfig.password);
        db.setDatabaseName(m_adminConfig.databaseName);
        db.setConnectOptions(QStringLiteral("connect_timeout=5"));
        if (!db.open()) {
            error = QStringLiteral("cannot connect to %1: %2")
                        .arg(m_adminConfig.describe(), db.lastError().text());
        } else {
            QSqlQuery query(db);
            if (!query.exec(sql))
                error = QStringLiteral("%1 failed: %2").arg(sql, query.lastError().text());
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

} // namespace Confab::Testing
