#pragma once

#include "server/core/config/configfile.h"
#include "server/core/storage/databaseconfig.h"

#include "common/result.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QProcessEnvironment>

namespace Confab::Server {

/// One setting as the operator may give it: a command-line option, an environment variable
/// and a configuration-file key. The first of these that is set wins, then the default.
struct SettingSource
{
    const QCommandLineOption &option;
    QString variable;
    QString fileKey;
};

/// The options every confab-server command shares (the server, `admin …`, `backup`):
/// where the configuration file is and which database to use.
struct CommonOptions
{
    CommonOptions();
    void addTo(QCommandLineParser &parser) const;

    QCommandLineOption config;
    QCommandLineOption database;
    QCommandLineOption databasePasswordFile;
};

/// Looks settings up in the order flag > environment > configuration file > default.
class OptionSources
{
public:
    OptionSources(const QCommandLineParser &parser, QProcessEnvironment environment);

    /// Loads the file named by --config or CONFAB_CONFIG, if any.
    Result<void> loadConfigFile(const CommonOptions &common);

    QString value(const SettingSource &source, const QString &fallback) const;
    bool isSet(const SettingSource &source) const;
    /// As value(), for a path: relative paths from the configuration file are taken from the
    /// file's directory.
    QString path(const SettingSource &source, const QString &fallback) const;
    const QProcessEnvironment &environment() const { return m_environment; }

    /// The database (default: SQLite in `dataDirectory`), with its password taken, when the
    /// URL has none, from --database-password-file, CONFAB_DATABASE_PASSWORD_FILE,
    /// CONFAB_DATABASE_PASSWORD or the file's database_password_file.
    Result<DatabaseConfig> database(
        const CommonOptions &common, const QString &dataDirectory) const;
    /// The data directory: CONFAB_DATA_DIR, the file's data_directory, or the platform default.
    QString dataDirectory() const;

private:
    const QCommandLineParser &m_parser;
    QProcessEnvironment m_environment;
    ConfigFile m_file;
};

/// Reads a secret from a file: the whole file, surrounding white space removed.
Result<QByteArray> readSecretFile(const QString &path, const QString &what);

} // namespace Confab::Server
