#pragma once

#include "common/conversation.h"

namespace Confab::Server {

class RealtimeHub;

/// The database knows profiles; only the hub knows who is online right now, and the
/// last-seen times it has not stored yet.
void applyPresence(const RealtimeHub &hub, User &user);
void applyPresence(const RealtimeHub &hub, Conversation &conversation);

} // namespace Confab::Server
