#include "server/core/api/presence.h"

#include "server/core/realtime/realtimehub.h"

namespace Confab::Server {

void applyPresence(const RealtimeHub &hub, User &user)
{
    user.online = hub.isOnline(user.id);
    if (const std::optional<QDateTime> seen = hub.pendingLastSeen(user.id))
        user.lastSeenAt = *seen;
}

void applyPresence(const RealtimeHub &hub, Conversation &conversation)
{
    for (Participant &participant : conversation.participants)
        applyPresence(hub, participant.user);
}

} // namespace Confab::Server
