#pragma once

#include "server/core/storage/storedtypes.h"

#include <optional>

namespace Confab::Server {

class Storage;

/// Creating an account under the server's registration rules. Runs on a database worker.
namespace AccountCreation {
/// In one transaction: the first account becomes the administrator and needs no invite;
/// otherwise, when registration is invite-only, `inviteCode` must name an unused, unexpired
/// invite (403 invite_required / invite_invalid), which this account then uses up. A failure
/// (a taken username, say) leaves the invite unused.
Result<User> create(
    Storage &storage, NewUser user, const std::optional<QString> &inviteCode, const QDateTime &now);
} // namespace AccountCreation

} // namespace Confab::Server
