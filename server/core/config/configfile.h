#pragma once

#include "common/result.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace Confab::Server {

/// The operator's configuration file (`--config FILE`): `key = value` lines (INI without
/// sections), `#` or `;` comment lines, values optionally in double quotes. Only the keys of keys()
/// are accepted, so that a misspelt key is an error rather than a setting silently ignored.
class ConfigFile
{
public:
    ConfigFile() = default;
    /// Reads `path`; a missing or unreadable file, a syntax error or an unknown key is a
    /// one-line error naming the file.
    static Result<ConfigFile> load(const QString &path);
    /// The keys a configuration file may set.
    static const QStringList &keys();

    bool contains(const QString &key) const { return m_values.contains(key); }
    QString value(const QString &key) const { return m_values.value(key); }
    /// The directory of the file, against which relative paths in it are resolved.
    QString directory() const { return m_directory; }

private:
    QHash<QString, QString> m_values;
    QString m_directory;
};

} // namespace Confab::Server
