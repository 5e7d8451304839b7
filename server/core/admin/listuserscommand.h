#pragma once

namespace Confab::Server {

class AdminInvocation;

/// Prints every account: id, username, display name, creation time (UTC), tab-separated.
int runListUsersCommand(AdminInvocation &invocation);

} // namespace Confab::Server
