#include "server/core/storage/inviterepository.h"

#include "server/core/storage/sqlutil.h"

#include "common/timeformat.h"

namespace Confab::Server {

namespace {

const char kColumns[] = "id, created_by, created_at, expires_at, used_at, used_by";

std::optional<qint64> optionalId(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

StoredInvite readInvite(const QSqlQuery &query)
{
    StoredInvite invite;
    invite.id = query.value(0).toLongLong();
    invite.createdBy = optionalId(query.value(1));
    invite.createdAt = fromEpochMs(query.value(2).toLongLong());
    invite.expiresAt = Sql::timeOrInvalid(query.value(3));
    invite.usedAt = Sql::timeOrInvalid(query.value(4));
    invite.usedBy = optionalId(query.value(5));
    return invite;
}

} // namespace

Result<StoredInvite> InviteRepository::create(const QByteArray &codeHash,
    std::optional<qint64> createdBy, const QDateTime &createdAt, const QDateTime &expiresAt)
{
    QSqlQuery query(m_context.db);
    const QVariant creator =
        createdBy ? QVariant(*createdBy) : QVariant(QMetaType::fromType<qint64>());
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("INSERT INTO invites (code_hash, created_by, created_at, expires_at) "
                           "VALUES (?, ?, ?, ?) RETURNING ")
                + QLatin1String(kColumns),
            {QString::fromLatin1(codeHash), creator, Sql::toMs(createdAt),
                Sql::msOrNull(expiresAt)},
            "storing an invite");
        !ran)
        return ran.error();
    if (!query.next())
        return Sql::failure(query.lastError(), "reading a new invite");
    return readInvite(query);
}

Result<QList<StoredInvite>> InviteRepository::list()
{
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("SELECT ") + QLatin1String(kColumns)
                + QStringLiteral(" FROM invites ORDER BY id DESC"),
            {}, "listing invites");
        !ran)
        return ran.error();
    QList<StoredInvite> invites;
    while (query.next())
        invites << readInvite(query);
    return invites;
}

Result<bool> InviteRepository::remove(qint64 id)
{
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(
            query, QStringLiteral("DELETE FROM invites WHERE id = ?"), {id}, "deleting an invite");
        !ran)
        return ran.error();
    return query.numRowsAffected() > 0;
}

Result<std::optional<qint64>> InviteRepository::consume(
    const QByteArray &codeHash, const QDateTime &now)
{
    const qint64 ms = Sql::toMs(now);
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("UPDATE invites SET used_at = ? WHERE code_hash = ? AND used_at IS NULL "
                           "AND (expires_at IS NULL OR expires_at > ?) RETURNING id"),
            {ms, QString::fromLatin1(codeHash), ms}, "using an invite");
        !ran)
        return ran.error();
    if (!query.next())
        return std::optional<qint64>();
    return std::optional<qint64>(query.value(0).toLongLong());
}

Result<void> InviteRepository::setUsedBy(qint64 inviteId, qint64 userId)
{
    QSqlQuery query(m_context.db);
    return Sql::exec(query, QStringLiteral("UPDATE invites SET used_by = ? WHERE id = ?"),
        {userId, inviteId}, "recording an invite's account");
}

} // namespace Confab::Server
