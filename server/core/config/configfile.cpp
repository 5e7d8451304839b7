#include "server/core/config/configfile.h"

#include <QFile>
#include <QFileInfo>

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
        QStringLiteral("max_connections"), QStringLiteral("connection_threads"),
        QStringLiteral("data_directory"), QStringLiteral("tls_cert"), QStringLiteral("tls_key"),
        QStringLiteral("tls_self_signed"), QStringLiteral("registration")};
    return known;
}

Result<ConfigFile> ConfigFile::load(const QString &path)
{
    const QFileInfo info(path);
    QFile input(info.filePath());
    if (!info.isFile() || !input.open(QIODevice::ReadOnly | QIODevice::Text))
        return configError(
            QStringLiteral("Cannot read the configuration file %1.").arg(info.filePath()));
    ConfigFile file;
    file.m_directory = info.absolutePath();
    int lineNumber = 0;
    while (!input.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(input.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))
            || line.startsWith(QLatin1Char(';')))
            continue;
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return configError(QStringLiteral("%1:%2: expected \"key = value\".")
                                   .arg(info.filePath())
                                   .arg(lineNumber));
        const QString key = line.left(equals).trimmed();
        QString value = line.mid(equals + 1).trimmed();
        if (value.size() >= 2 && value.startsWith(QLatin1Char('"'))
            && value.endsWith(QLatin1Char('"')))
            value = value.mid(1, value.size() - 2);
        if (!keys().contains(key))
            return configError(QStringLiteral("Unknown key \"%1\" in %2:%3; known keys: %4.")
                                   .arg(key, info.filePath())
                                   .arg(lineNumber)
                                   .arg(keys().join(QStringLiteral(", "))));
        if (file.m_values.contains(key))
            return configError(QStringLiteral("%1:%2: \"%3\" is set twice.")
                                   .arg(info.filePath())
                                   .arg(lineNumber)
                                   .arg(key));
        file.m_values.insert(key, value);
    }
    return file;
}

} // namespace Confab::Server
