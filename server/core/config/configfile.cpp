#include "server/core/config/configfile.h"

#include <QFileInfo>
#include <QSettings>

namespace Confab::Server {

namespace {
Error configError(const QString &message)
{
    return makeError(2, QStringLiteral("invalid_config"), message);
}
} // namespace

const QStringList &ConfigFile::keys()
{
    static const QStringList known {QStringLiteral("listen"), QStringLiteral("database"),
        QStringLiteral("database_password_file"), QStringLiteral("jwt_secret_file"),
        QStringLiteral("max_connections"), QStringLiteral("data_directory")};
    return known;
}

Result<ConfigFile> ConfigFile::load(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable())
        return configError(
            QStringLiteral("Cannot read the configuration file %1.").arg(info.filePath()));
    QSettings settings(info.absoluteFilePath(), QSettings::IniFormat);
    if (settings.status() != QSettings::NoError)
        return configError(
            QStringLiteral("The configuration file %1 is not valid INI.").arg(info.filePath()));
    ConfigFile file;
    file.m_directory = info.absolutePath();
    for (const QString &key : settings.allKeys()) {
        if (!keys().contains(key))
            return configError(QStringLiteral("Unknown key \"%1\" in %2; known keys: %3.")
                                   .arg(key, info.filePath(), keys().join(QStringLiteral(", "))));
        // QSettings splits unquoted values at commas; a setting is always one string.
        const QVariant value = settings.value(key);
        file.m_values.insert(key,
            value.typeId() == QMetaType::QStringList ? value.toStringList().join(QLatin1Char(','))
                                                     : value.toString().trimmed());
    }
    return file;
}

} // namespace Confab::Server
