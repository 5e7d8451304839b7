#include "server/core/admin/createinvitecommand.h"

#include "server/core/admin/admininvocation.h"
#include "server/core/admin/invitecode.h"
#include "server/core/api/adminapi.h"
#include "server/core/auth/passwordhasher.h"
#include "server/core/storage/database.h"

#include "common/timeformat.h"

namespace Confab::Server {

Result<CreateInviteCommand> CreateInviteCommand::expiringAfter(const QString &hours)
{
    CreateInviteCommand command;
    if (hours.isEmpty())
        return command;
    bool ok = false;
    const qint64 value = hours.toLongLong(&ok);
    if (!ok || value < 1 || value > AdminApi::kMaxInviteHours)
        return makeError(2, QStringLiteral("invalid_option"),
            QStringLiteral("--expires-in needs a whole number of hours from 1 to %1, got \"%2\".")
                .arg(AdminApi::kMaxInviteHours)
                .arg(hours));
    command.m_expiresInHours = value;
    return command;
}

int runCreateInviteCommand(AdminInvocation &invocation)
{
    const QCommandLineOption expiresIn(QStringLiteral("expires-in"),
        QStringLiteral("The invite stops working after HOURS hours (default: never)."),
        QStringLiteral("HOURS"));
    invocation.parser().addOption(expiresIn);
    invocation.parser().setApplicationDescription(
        QStringLiteral("Prints a single-use invite code for an invite-only server (the server "
                       "may be running)."));
    if (std::optional<int> done = invocation.parse(0, QString()))
        return *done;
    Result<CreateInviteCommand> command =
        CreateInviteCommand::expiringAfter(invocation.parser().value(expiresIn));
    if (!command)
        return invocation.fail(command.error().message, 2);
    Result<DatabaseConfig> config = invocation.database();
    if (!config)
        return invocation.fail(config.error().message, 2);
    ServerSettings settings;
    settings.database = *config;
    return command->run(settings, invocation.out(), invocation.err());
}

int CreateInviteCommand::run(
    const ServerSettings &settings, QTextStream &out, QTextStream &err) const
{
    if (!PasswordHasher::initialize()) {
        err << "confab-server: libsodium could not be initialised." << Qt::endl;
        return 1;
    }
    if (Result<void> present = requireExistingDatabase(settings.database); !present) {
        err << "confab-server: " << present.error().message << Qt::endl;
        return 1;
    }
    Result<std::unique_ptr<Database>> database = Database::open(settings.database);
    if (!database) {
        err << "confab-server: " << database.error().message << Qt::endl;
        return 1;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime expiresAt =
        m_expiresInHours ? now.addSecs(*m_expiresInHours * 3600) : QDateTime();
    const QString code = InviteCode::generate();
    const QByteArray hash = InviteCode::hash(code);
    Result<StoredInvite> invite =
        (*database)->runBlocking<StoredInvite>([hash, now, expiresAt](Storage &storage) {
            return storage.invites().create(hash, std::nullopt, now, expiresAt);
        });
    (*database)->close();
    if (!invite) {
        err << "confab-server: " << invite.error().message << Qt::endl;
        return 1;
    }
    out << code << Qt::endl;
    err << (expiresAt.isValid()
            ? QStringLiteral("Invite %1 works once, until %2.")
                  .arg(invite->id)
                  .arg(formatTimestamp(expiresAt))
            : QStringLiteral("Invite %1 works once and does not expire.").arg(invite->id))
        << Qt::endl;
    return 0;
}

} // namespace Confab::Server
