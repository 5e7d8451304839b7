#include "server/core/admin/accountcreation.h"

#include "server/core/admin/invitecode.h"
#include "server/core/admin/registrationmode.h"
#include "server/core/storage/sqltransaction.h"
#include "server/core/storage/storage.h"

namespace Confab::Server::AccountCreation {

namespace {
Error inviteInvalid()
{
    return forbidden(QStringLiteral("invite_invalid"),
        QStringLiteral("This invite code is wrong, already used or expired."));
}
} // namespace

Result<User> create(
    Storage &storage, NewUser user, const std::optional<QString> &inviteCode, const QDateTime &now)
{
    SqlTransaction transaction(storage.context());
    if (Result<void> begun = transaction.begin(); !begun)
        return begun.error();
    // Locking the setting makes registrations take turns, so only one can be the first.
    Result<std::optional<QString>> mode =
        storage.serverSettings().valueForUpdate(RegistrationModes::settingKey());
    if (!mode)
        return mode.error();
    Result<qint64> existing = storage.users().count();
    if (!existing)
        return existing.error();

    std::optional<qint64> inviteId;
    user.isAdmin = *existing == 0;
    const bool inviteOnly =
        mode->has_value() && RegistrationModes::fromString(**mode) == RegistrationMode::Invite;
    if (!user.isAdmin && inviteOnly) {
        const QString code = inviteCode.value_or(QString()).trimmed();
        if (code.isEmpty())
            return forbidden(QStringLiteral("invite_required"),
                QStringLiteral("This server is invite-only: ask its administrator for an "
                               "invite code."));
        const QByteArray hash = InviteCode::hash(code);
        if (hash.isEmpty())
            return inviteInvalid();
        Result<std::optional<qint64>> consumed = storage.invites().consume(hash, now);
        if (!consumed)
            return consumed.error();
        if (!consumed->has_value())
            return inviteInvalid();
        inviteId = **consumed;
    }

    Result<User> created = storage.users().insert(user);
    if (!created)
        return created.error();
    if (inviteId) {
        if (Result<void> recorded = storage.invites().setUsedBy(*inviteId, created->id); !recorded)
            return recorded.error();
    }
    if (Result<void> committed = transaction.commit(); !committed)
        return committed.error();
    return created;
}

} // namespace Confab::Server::AccountCreation
