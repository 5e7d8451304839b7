#pragma once

#include "server/core/storage/databaseconfig.h"

#include <QTemporaryDir>

#include <memory>

namespace Confab::Testing {

/// A fresh, empty database for one test, of the kind CONFAB_TEST_DATABASE names
/// ("sqlite", the default, or "postgres"). SQLite: a file in a temporary directory.
/// PostgreSQL: a new database made through CONFAB_TEST_POSTGRES_URL (an account with
/// CREATEDB), dropped again by the destructor.
class TestDatabase
{
public:
    TestDatabase();
    ~TestDatabase();
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    /// False when the database could not be made; errorString() says why. Tests should
    /// QVERIFY2(db.isValid(), qPrintable(db.errorString())).
    bool isValid() const { return m_errorString.isEmpty(); }
    QString errorString() const { return m_errorString; }
    const Server::DatabaseConfig &config() const { return m_config; }
    Server::SqlDialect dialect() const { return m_config.dialect; }

    /// The dialect CONFAB_TEST_DATABASE asks for.
    static Server::SqlDialect dialectFromEnvironment();

private:
    void createPostgres();
    void dropPostgres();
    /// Runs one statement on the administrative database of CONFAB_TEST_POSTGRES_URL.
    QString runAdminStatement(const QString &sql);

    Server::DatabaseConfig m_config;
    Server::DatabaseConfig m_adminConfig;
    std::unique_ptr<QTemporaryDir> m_directory;
    QString m_errorString;
    bool m_created = false;
};

} // namespace Confab::Testing
