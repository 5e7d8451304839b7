#pragma once

#include <QProcessEnvironment>
#include <QStringList>
#include <QTextStream>

namespace Confab::Server {

class AdminInvocation;

/// One operator command of confab-server, e.g. "admin create-user" or "backup".
struct AdminCommand
{
    QString name;
    QString arguments; ///< e.g. "USERNAME", for the list of commands
    QString summary;
    int (*run)(AdminInvocation &invocation);
};

/// Every command, in the order `confab-server admin --help` lists them. A new command is one
/// more entry here and a run function in its own file.
const QList<AdminCommand> &adminCommands();

/// True when `arguments` (argv, program name first) name a command rather than the server.
bool isAdminCommandLine(const QStringList &arguments);

/// Finds and runs the command `arguments` name; returns the process exit code (0 done,
/// 1 failed, 2 usage error).
int runAdminCommand(const QStringList &arguments, const QProcessEnvironment &environment,
    QTextStream &out, QTextStream &err);

} // namespace Confab::Server
