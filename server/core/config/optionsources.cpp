#include "server/core/config/optionsources.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace Confab::Server {

namespace {
Error optionError(const QString &message)
{
    return makeError(2, QStringLiteral("invalid_option"), message);
}
} // namespace

Result<QByteArray> readSecretFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return optionError(
            QStringLiteral("Cannot read the %1 file %2: %3").arg(what, path, file.errorString()));
    return file.readAll().trimmed();
}

CommonOptions::CommonOptions()
    : config(QStringLiteral("config"),
        QStringLiteral("Configuration file of key = value lines (env CONFAB_CONFIG); the keys "
                       "are named below, see confab-server(1). Flags and environment "
                       "variables override it."),
        QStringLiteral("FILE"))
    , database(QStringLiteral("database"),
          QStringLiteral("sqlite:/path/file.db or postgres://user@host:port/dbname (env "
                         "CONFAB_DATABASE_URL, key database; default a SQLite file in the data "
                         "directory)."),
          QStringLiteral("URL"))
    , databasePasswordFile(QStringLiteral("database-password-file"),
          QStringLiteral("File holding the PostgreSQL password when the URL has none (env "
                         "CONFAB_DATABASE_PASSWORD_FILE or CONFAB_DATABASE_PASSWORD, key "
                         "database_password_file)."),
          QStringLiteral("PATH"))
{ }

void CommonOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({config, database, databasePasswordFile});
}

OptionSources::OptionSources(const QCommandLineParser &parser, QProcessEnvironment environment)
    : m_parser(parser)
    , m_environment(std::move(environment))
{ }

Result<void> OptionSources::loadConfigFile(const CommonOptions &common)
{
    QString path;
    if (m_parser.isSet(common.config))
        path = m_parser.value(common.config);
    else
        path = m_environment.value(QStringLiteral("CONFAB_CONFIG"));
    if (path.isEmpty())
        return {};
    Result<ConfigFile> file = ConfigFile::load(path);
    if (!file)
        return file.error();
    m_file = *file;
    return {};
}

bool OptionSources::isSet(const SettingSource &source) const
{
    return m_parser.isSet(source.option)
        || (!source.variable.isEmpty() && m_environment.contains(source.variable))
        || (!source.fileKey.isEmpty() && m_file.contains(source.fileKey));
}

QString OptionSources::value(const SettingSource &source, const QString &fallback) const
{
    if (m_parser.isSet(source.option))
        return m_parser.value(source.option);
    if (!source.variable.isEmpty() && m_environment.contains(source.variable))
        return m_environment.value(source.variable);
    if (!source.fileKey.isEmpty() && m_file.contains(source.fileKey))
        return m_file.value(source.fileKey);
    return fallback;
}

QString OptionSources::path(const SettingSource &source, const QString &fallback) const
{
    const bool fromFile = !m_parser.isSet(source.option)
        && (source.variable.isEmpty() || !m_environment.contains(source.variable))
        && !source.fileKey.isEmpty() && m_file.contains(source.fileKey);
    const QString text = value(source, fallback);
    if (fromFile && !text.isEmpty() && QFileInfo(text).isRelative())
        return QDir(m_file.directory()).filePath(text);
    return text;
}

QString OptionSources::dataDirectory() const
{
    if (m_environment.contains(QStringLiteral("CONFAB_DATA_DIR")))
        return m_environment.value(QStringLiteral("CONFAB_DATA_DIR"));
    if (m_file.contains(QStringLiteral("data_directory"))) {
        const QString text = m_file.value(QStringLiteral("data_directory"));
        return QFileInfo(text).isRelative() ? QDir(m_file.directory()).filePath(text) : text;
    }
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/confab");
}

Result<DatabaseConfig> OptionSources::database(
    const CommonOptions &common, const QString &dataDirectory) const
{
    const QString defaultUrl =
        QStringLiteral("sqlite:") + dataDirectory + QStringLiteral("/confab.db");
    const QString url =
        value({common.database, QStringLiteral("CONFAB_DATABASE_URL"), QStringLiteral("database")},
            defaultUrl);
    Result<DatabaseConfig> database = DatabaseConfig::fromUrl(url);
    if (!database)
        return optionError(database.error().message);
    if (database->dialect != SqlDialect::Postgres || !database->password.isEmpty())
        return database;

    const SettingSource passwordFile {common.databasePasswordFile,
        QStringLiteral("CONFAB_DATABASE_PASSWORD_FILE"), QStringLiteral("database_password_file")};
    if (m_parser.isSet(common.databasePasswordFile)
        || m_environment.contains(QStringLiteral("CONFAB_DATABASE_PASSWORD_FILE"))
        || !m_environment.contains(QStringLiteral("CONFAB_DATABASE_PASSWORD"))) {
        if (isSet(passwordFile)) {
            Result<QByteArray> password =
                readSecretFile(path(passwordFile, {}), QStringLiteral("database password"));
            if (!password)
                return password.error();
            database->password = QString::fromUtf8(*password);
        }
        return database;
    }
    database->password = m_environment.value(QStringLiteral("CONFAB_DATABASE_PASSWORD"));
    return database;
}

} // namespace Confab::Server
