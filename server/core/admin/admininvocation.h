#pragma once

#include "server/core/config/optionsources.h"
#include "server/core/storage/sqlcontext.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <optional>

namespace Confab::Server {

/// What one `confab-server admin …` or `backup` run has to work with: its own arguments, the
/// options every command shares (--config, --database, …), the terminal streams.
/// Commands add their options to parser(), call parse(), then do their work.
class AdminInvocation
{
public:
    AdminInvocation(QString command, QStringList arguments, QProcessEnvironment environment,
        QTextStream &out, QTextStream &err);

    QCommandLineParser &parser() { return m_parser; }
    /// Parses the arguments; nullopt to go on, or the exit code when the run is over
    /// (--help printed: 0; a usage error printed: 2).
    std::optional<int> parse(int positionalArguments, const QString &positionalSyntax);
    QStringList positionalArguments() const { return m_parser.positionalArguments(); }

    /// The database the server would use with the same options, environment and file.
    Result<DatabaseConfig> database();
    const QProcessEnvironment &environment() const { return m_environment; }

    /// Prints "confab-server: <message>" on one line and returns `exitCode`.
    int fail(const QString &message, int exitCode = 1);
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

private:
    QString m_command;
    QStringList m_arguments;
    QProcessEnvironment m_environment;
    QTextStream &m_out;
    QTextStream &m_err;
    QCommandLineParser m_parser;
    CommonOptions m_common;
    QCommandLineOption m_help;
    std::optional<OptionSources> m_sources;
};

/// Fails when `config` names a SQLite file that does not exist (PostgreSQL: always fine).
Result<void> requireExistingDatabase(const DatabaseConfig &config);

/// An open, migrated connection for an admin command; closed by the destructor.
class AdminDatabase
{
public:
    AdminDatabase() = default;
    ~AdminDatabase();
    AdminDatabase(const AdminDatabase &) = delete;
    AdminDatabase &operator=(const AdminDatabase &) = delete;

    enum class Missing { Create, Refuse };

    /// Opens the database and brings its schema up to date, as the server does on start.
    /// A SQLite file that does not exist yet is created only with Missing::Create; otherwise
    /// a mistyped path is an error rather than a new, empty database.
    Result<void> open(const DatabaseConfig &config, Missing missing = Missing::Refuse);
    SqlContext &context() { return m_context; }

private:
    SqlContext m_context;
    bool m_open = false;
};

} // namespace Confab::Server
