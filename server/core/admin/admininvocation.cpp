#include "server/core/admin/admininvocation.h"

#include "server/core/storage/connectionfactory.h"
#include "server/core/storage/migrator.h"

#include <QDir>
#include <QFileInfo>

namespace Confab::Server {

AdminInvocation::AdminInvocation(QString command, QStringList arguments,
    QProcessEnvironment environment, QTextStream &out, QTextStream &err)
    : m_command(std::move(command))
    , m_arguments(std::move(arguments))
    , m_environment(std::move(environment))
    , m_out(out)
    , m_err(err)
    , m_help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."))
{
    m_parser.addOption(m_help);
    m_common.addTo(m_parser);
}

std::optional<int> AdminInvocation::parse(int positionalArguments, const QString &positionalSyntax)
{
    if (!positionalSyntax.isEmpty())
        m_parser.addPositionalArgument(positionalSyntax, QString());
    // QCommandLineParser skips the first argument as the program name.
    if (!m_parser.parse(QStringList {QStringLiteral("confab-server ") + m_command} + m_arguments))
        return fail(m_parser.errorText(), 2);
    if (m_parser.isSet(m_help)) {
        // The parser's usage line names the binary's path; show the command instead.
        const QString help = m_parser.helpText();
        const qsizetype firstLineEnd = help.indexOf(QLatin1Char('\n'));
        m_out << "Usage: confab-server " << m_command << " [options] " << positionalSyntax
              << help.mid(firstLineEnd) << Qt::flush;
        return 0;
    }
    if (m_parser.positionalArguments().size() != positionalArguments)
        return fail(QStringLiteral("Usage: confab-server %1 %2 [options]; see --help.")
                        .arg(m_command, positionalSyntax)
                        .trimmed(),
            2);
    m_sources.emplace(m_parser, m_environment);
    if (Result<void> loaded = m_sources->loadConfigFile(m_common); !loaded)
        return fail(loaded.error().message, 2);
    return std::nullopt;
}

Result<DatabaseConfig> AdminInvocation::database()
{
    return m_sources->database(m_common, m_sources->dataDirectory());
}

int AdminInvocation::fail(const QString &message, int exitCode)
{
    m_err << "confab-server: " << message << Qt::endl;
    return exitCode;
}

Result<void> requireExistingDatabase(const DatabaseConfig &config)
{
    if (config.dialect == SqlDialect::Sqlite && !QFileInfo::exists(config.sqlitePath))
        return makeError(1, QStringLiteral("storage_failed"),
            QStringLiteral("There is no database at %1; check --database (or "
                           "CONFAB_DATABASE_URL), or start confab-server once to create it.")
                .arg(config.sqlitePath));
    return {};
}

AdminDatabase::~AdminDatabase()
{
    if (m_open)
        closeConnection(std::move(m_context));
}

Result<void> AdminDatabase::open(const DatabaseConfig &config, Missing missing)
{
    if (missing == Missing::Refuse) {
        if (Result<void> present = requireExistingDatabase(config); !present)
            return present;
    }
    if (config.dialect == SqlDialect::Sqlite
        && !QDir().mkpath(QFileInfo(config.sqlitePath).absolutePath()))
        return makeError(1, QStringLiteral("storage_failed"),
            QStringLiteral("Cannot create the directory of %1.").arg(config.sqlitePath));
    {
        // Scoped: a copy of the connection left in the Result would keep it in use.
        Result<SqlContext> opened =
            openConnection(config, uniqueConnectionName(QStringLiteral("admin")));
        if (!opened)
            return opened.error();
        m_context = *opened;
    }
    m_open = true;
    Result<int> migrated = Migrator(m_context).migrate();
    if (!migrated)
        return migrated.error();
    return {};
}

} // namespace Confab::Server
