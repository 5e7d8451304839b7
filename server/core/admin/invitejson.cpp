#include "server/core/admin/invitejson.h"

#include "common/timeformat.h"

namespace Confab::Server {

namespace {
QJsonValue idOrNull(const std::optional<qint64> &id)
{
    return id ? QJsonValue(*id) : QJsonValue(QJsonValue::Null);
}

QString status(const StoredInvite &invite, const QDateTime &now)
{
    if (invite.usedAt.isValid())
        return QStringLiteral("used");
    if (invite.expiresAt.isValid() && invite.expiresAt <= now)
        return QStringLiteral("expired");
    return QStringLiteral("active");
}
} // namespace

QJsonObject inviteToJson(const StoredInvite &invite, const QDateTime &now)
{
    return QJsonObject {
        {QStringLiteral("id"), invite.id},
        {QStringLiteral("status"), status(invite, now)},
        {QStringLiteral("createdAt"), timestampOrNull(invite.createdAt)},
        {QStringLiteral("createdBy"), idOrNull(invite.createdBy)},
        {QStringLiteral("expiresAt"), timestampOrNull(invite.expiresAt)},
        {QStringLiteral("usedAt"), timestampOrNull(invite.usedAt)},
        {QStringLiteral("usedBy"), idOrNull(invite.usedBy)},
    };
}

} // namespace Confab::Server
