#include "server/core/admin/resetpasswordcommand.h"

#include "server/core/admin/admininvocation.h"
#include "server/core/admin/passwordprompt.h"
#include "server/core/auth/credentialrules.h"
#include "server/core/auth/passwordhasher.h"
#include "server/core/storage/refreshtokenrepository.h"
#include "server/core/storage/sqltransaction.h"
#include "server/core/storage/userrepository.h"

#include <QDateTime>

namespace Confab::Server {

int runResetPasswordCommand(AdminInvocation &invocation)
{
    invocation.parser().setApplicationDescription(
        QStringLiteral("Sets a new password for an account and ends all its sessions. The "
                       "password is read from a prompt (echo off) or from the first line of "
                       "standard input."));
    if (std::optional<int> done = invocation.parse(1, QStringLiteral("USERNAME")))
        return *done;
    const QString username = invocation.positionalArguments().constFirst();

    Result<DatabaseConfig> config = invocation.database();
    if (!config)
        return invocation.fail(config.error().message, 2);
    AdminDatabase database;
    if (Result<void> opened = database.open(*config); !opened)
        return invocation.fail(opened.error().message);
    UserRepository users(database.context());
    Result<std::optional<StoredCredentials>> found = users.findCredentials(username);
    if (!found)
        return invocation.fail(found.error().message);
    if (!found->has_value())
        return invocation.fail(QStringLiteral("There is no user \"%1\".").arg(username));
    const qint64 userId = (*found)->userId;

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

    // The new password and the end of every session land together or not at all.
    SqlTransaction transaction(database.context());
    if (Result<void> begun = transaction.begin(); !begun)
        return invocation.fail(begun.error().message);
    if (Result<void> set = users.setPasswordHash(userId, *hash); !set)
        return invocation.fail(set.error().message);
    RefreshTokenRepository tokens(database.context());
    if (Result<void> revoked =
            tokens.revokeAllForUser(userId, QByteArray(), QDateTime::currentDateTimeUtc());
        !revoked)
        return invocation.fail(revoked.error().message);
    if (Result<void> committed = transaction.commit(); !committed)
        return invocation.fail(committed.error().message);
    invocation.out() << "Password of " << username << " changed; its refresh tokens were revoked."
                     << Qt::endl;
    return 0;
}

} // namespace Confab::Server
