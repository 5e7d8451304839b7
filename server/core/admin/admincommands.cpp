#include "server/core/admin/admincommands.h"

#include "server/core/admin/admininvocation.h"
#include "server/core/admin/backupcommand.h"
#include "server/core/admin/createinvitecommand.h"
#include "server/core/admin/createusercommand.h"
#include "server/core/admin/listuserscommand.h"
#include "server/core/admin/resetpasswordcommand.h"

namespace Confab::Server {

const QList<AdminCommand> &adminCommands()
{
    static const QList<AdminCommand> commands {
        {QStringLiteral("admin create-user"), QStringLiteral("USERNAME"),
            QStringLiteral("create an account"), &runCreateUserCommand},
        {QStringLiteral("admin reset-password"), QStringLiteral("USERNAME"),
            QStringLiteral("set a new password and revoke its sign-ins"), &runResetPasswordCommand},
        {QStringLiteral("admin list-users"), QString(), QStringLiteral("list every account"),
            &runListUsersCommand},
        {QStringLiteral("admin create-invite"), QStringLiteral("[--expires-in HOURS]"),
            QStringLiteral("print a single-use invite code"), &runCreateInviteCommand},
        {QStringLiteral("backup"), QStringLiteral("--to FILE"),
            QStringLiteral("snapshot a SQLite database, also while it is in use"),
            &runBackupCommand},
    };
    return commands;
}

bool isAdminCommandLine(const QStringList &arguments)
{
    return arguments.size() > 1
        && (arguments.at(1) == QLatin1String("admin")
            || arguments.at(1) == QLatin1String("backup"));
}

namespace {
QString commandList()
{
    QString list;
    for (const AdminCommand &command : adminCommands()) {
        const QString usage = QString(command.name + QLatin1Char(' ') + command.arguments);
        list += QStringLiteral("  confab-server %1  %2\n")
                    .arg(usage.trimmed(), -34)
                    .arg(command.summary);
    }
    return list;
}
} // namespace

int runAdminCommand(const QStringList &arguments, const QProcessEnvironment &environment,
    QTextStream &out, QTextStream &err)
{
    // "backup ..." is one word; "admin create-user ..." two.
    const int words = arguments.at(1) == QLatin1String("admin") ? 2 : 1;
    if (arguments.size() <= words || arguments.at(words).startsWith(QLatin1Char('-'))) {
        const bool help = arguments.size() > words
            && (arguments.at(words) == QLatin1String("--help")
                || arguments.at(words) == QLatin1String("-h"));
        if (words == 2 || help) {
            (help ? out : err) << "Commands (each takes --help, --config FILE, --database URL):\n"
                               << commandList() << Qt::flush;
            return help ? 0 : 2;
        }
    }
    const QString name = arguments.mid(1, words).join(QLatin1Char(' '));
    for (const AdminCommand &command : adminCommands()) {
        if (command.name == name) {
            AdminInvocation invocation(name, arguments.mid(1 + words), environment, out, err);
            return command.run(invocation);
        }
    }
    err << "confab-server: unknown command \"" << name << "\"; commands:\n"
        << commandList() << Qt::flush;
    return 2;
}

} // namespace Confab::Server
