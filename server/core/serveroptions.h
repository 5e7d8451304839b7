#pragma once

#include "server/core/serversettings.h"

#include "common/result.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace Confab::Server {

/// What `confab-server` was asked to do, from its command line and environment (a flag wins
/// over its variable). Errors are one line, for stderr.
struct ServerOptions
{
    enum class Action { Run, ShowHelp, ShowVersion };
    Action action = Action::Run;
    ServerSettings settings;
    QString helpText;

    static Result<ServerOptions> parse(
        const QStringList &arguments, const QProcessEnvironment &environment);
    /// The SQLite file used when no database is named, in the platform's app-data directory.
    static QString defaultDataDirectory();
};

/// Reads `HOST:PORT` (IPv6 as `[::1]:8080`).
Result<std::pair<QHostAddress, quint16>> parseListenAddress(const QString &text);

} // namespace Confab::Server
