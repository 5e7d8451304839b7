#include "app/ui/systemusername.h"

#include <QtGlobal>

#if defined(Q_OS_UNIX)
#include <pwd.h>
#include <unistd.h>
#endif

namespace Confab::Ui {

namespace {

QString loginName()
{
    for (const char *variable : {"USER", "LOGNAME", "USERNAME"}) {
        const QString value = qEnvironmentVariable(variable).trimmed();
        if (!value.isEmpty())
            return value;
    }
    return {};
}

} // namespace

QString systemUserFullName()
{
#if defined(Q_OS_UNIX)
    if (const passwd *account = getpwuid(getuid())) {
        // The GECOS field: "Full Name,Room,Work phone,Home phone,Other".
        const QString gecos = QString::fromLocal8Bit(account->pw_gecos ? account->pw_gecos : "");
        const QString fullName = gecos.section(QLatin1Char(','), 0, 0).trimmed();
        if (!fullName.isEmpty())
            return fullName;
        const QString login = QString::fromLocal8Bit(account->pw_name ? account->pw_name : "");
        if (!login.isEmpty())
            return login;
    }
#endif
    return loginName();
}

} // namespace Confab::Ui
