#include "app/host/hostaccount.h"

#include "app/host/hostusername.h"

#include "server/core/admin/accountcreation.h"
#include "server/core/auth/credentialrules.h"
#include "server/core/auth/passwordhasher.h"
#include "server/core/storage/storage.h"

#include <QRandomGenerator>

namespace Confab::Host::HostAccount {

namespace {
constexpr int kUsernameAttempts = 100;

// 32 random bytes: nobody can sign in with it; the host's app signs in without it.
QString unknowablePassword()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(
        reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / qsizetype(sizeof(quint32)));
    return QString::fromLatin1(bytes.toBase64());
}

Result<std::optional<qint64>> rememberedAccount(Server::Storage &storage)
{
    Result<std::optional<QString>> stored = storage.serverSettings().value(settingKey());
    if (!stored)
        return stored.error();
    if (!stored->has_value())
        return std::optional<qint64>();
    bool ok = false;
    const qint64 id = (*stored)->toLongLong(&ok);
    if (!ok)
        return std::optional<qint64>();
    Result<std::optional<User>> user = storage.users().findById(id);
    if (!user)
        return user.error();
    return user->has_value() ? std::optional<qint64>(id) : std::optional<qint64>();
}
} // namespace

QString settingKey()
{
    return QStringLiteral("host_user_id");
}

Result<qint64> ensure(Server::Storage &storage, const QString &displayName, const QDateTime &now)
{
    Result<std::optional<qint64>> remembered = rememberedAccount(storage);
    if (!remembered)
        return remembered.error();
    if (remembered->has_value())
        return **remembered;

    Result<QString> name = Server::CredentialRules::normaliseDisplayName(displayName);
    if (!name)
        return name.error();
    // Hashed here, on a database worker, once per installation: never on an event loop.
    Result<QString> hash = Server::PasswordHasher::hashNow(unknowablePassword());
    if (!hash)
        return hash.error();
    const QString base = HostUsername::fromDisplayName(*name);
    for (int attempt = 1; attempt <= kUsernameAttempts; ++attempt) {
        Server::NewUser user(HostUsername::candidate(base, attempt), *name, *hash, now);
        Result<User> created = Server::AccountCreation::create(storage, user, std::nullopt, now);
        if (!created && created.error().code == QStringLiteral("username_taken"))
            continue;
        if (!created)
            return created.error();
        Result<void> set =
            storage.serverSettings().setValue(settingKey(), QString::number(created->id));
        if (!set)
            return set.error();
        return created->id;
    }
    return conflict(QStringLiteral("username_taken"),
        QStringLiteral("Every username made from \"%1\" is taken.").arg(*name));
}

} // namespace Confab::Host::HostAccount
