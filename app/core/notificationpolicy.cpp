#include "app/core/notificationpolicy.h"

namespace Confab::Client {

bool NotificationPolicy::shouldNotify(const NotificationCandidate &candidate)
{
    if (candidate.senderId == candidate.selfId || candidate.deleted)
        return false;
    if (candidate.doNotDisturb || candidate.muted)
        return false;
    const bool looking =
        candidate.windowActive && candidate.openConversationId == candidate.conversationId;
    return !looking;
}

QString NotificationPolicy::preview(const QString &content, int maxLength)
{
    const QString text = content.simplified();
    if (maxLength < 2 || text.size() <= maxLength)
        return text;
    qsizetype cut = maxLength - 1; // room for the ellipsis
    if (text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut).trimmed() + QChar(0x2026);
}

} // namespace Confab::Client
