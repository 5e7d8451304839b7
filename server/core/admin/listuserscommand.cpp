#include "server/core/admin/listuserscommand.h"

#include "server/core/admin/admininvocation.h"
#include "server/core/storage/userrepository.h"

namespace Confab::Server {

int runListUsersCommand(AdminInvocation &invocation)
{
    invocation.parser().setApplicationDescription(
        QStringLiteral("Prints every account, one a line: id, username, display name and "
                       "creation time (UTC), separated by tabs, under a header line."));
    if (std::optional<int> done = invocation.parse(0, QString()))
        return *done;
    Result<DatabaseConfig> config = invocation.database();
    if (!config)
        return invocation.fail(config.error().message, 2);
    AdminDatabase database;
    if (Result<void> opened = database.open(*config); !opened)
        return invocation.fail(opened.error().message);
    Result<QList<User>> users = UserRepository(database.context()).listAll();
    if (!users)
        return invocation.fail(users.error().message);
    QTextStream &out = invocation.out();
    out << "id\tusername\tdisplay name\tcreated\n";
    for (const User &user : *users) {
        QString displayName = user.displayName;
        displayName.replace(QLatin1Char('\t'), QLatin1Char(' '));
        out << user.id << '\t' << user.username << '\t' << displayName << '\t'
            << user.createdAt.toUTC().toString(Qt::ISODate) << '\n';
    }
    out << Qt::flush;
    return 0;
}

} // namespace Confab::Server
