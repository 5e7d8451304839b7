#include "server/core/admin/createusercommand.h"

#include "server/core/admin/admininvocation.h"
#include "server/core/admin/passwordprompt.h"
#include "server/core/auth/credentialrules.h"
#include "server/core/auth/passwordhasher.h"
#include "server/core/storage/userrepository.h"

#include <QDateTime>

namespace Confab::Server {

int runCreateUserCommand(AdminInvocation &invocation)
{
    const QCommandLineOption displayName(QStringLiteral("display-name"),
        QStringLiteral("The name others see (default: the username)."), QStringLiteral("NAME"));
    invocation.parser().setApplicationDescription(
        QStringLiteral("Creates an account. The password is read from a prompt (echo off) or, "
                       "when standard input is not a terminal, from its first line."));
    invocation.parser().addOption(displayName);
    if (std::optional<int> done = invocation.parse(1, QStringLiteral("USERNAME")))
        return *done;
    const QString username = invocation.positionalArguments().constFirst();
    if (Result<void> valid = CredentialRules::checkUsername(username); !valid)
        return invocation.fail(valid.error().message, 2);
    Result<QString> name = CredentialRules::normaliseDisplayName(
        invocation.parser().isSet(displayName) ? invocation.parser().value(displayName) : username);
    if (!name)
        return invocation.fail(name.error().message, 2);

    Result<DatabaseConfig> config = invocation.database();
    if (!config)
        return invocation.fail(config.error().message, 2);
    AdminDatabase database;
    if (Result<void> opened = database.open(*config, AdminDatabase::Missing::Create); !opened)
        return invocation.fail(opened.error().message);

    Result<QString> password = readNewPassword();
    if (!password)
        return invocation.fail(password.error().message, 2);
    if (Result<void> valid = CredentialRules::checkPassword(*password); !valid)
        return invocation.fail(valid.error().message, 2);
    if (!PasswordHasher::initialize())
        return invocation.fail(QStringLiteral("libsodium could not be initialised."));
    Result<QString> hash = PasswordHasher::hashNow(*password);
    if (!hash)
        return invocation.fail(hash.error().message);

    UserRepository users(database.context());
    Result<User> created =
        users.create(NewUser(username, *name, *hash, QDateTime::currentDateTimeUtc()));
    if (!created)
        return invocation.fail(created.error().message);
    invocation.out() << "Created user " << created->username << " (id " << created->id << ")."
                     << Qt::endl;
    return 0;
}

} // namespace Confab::Server
