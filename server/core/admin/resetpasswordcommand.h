#pragma once

namespace Confab::Server {

class AdminInvocation;

/// Sets a new password for an account (read from a prompt or stdin) and signs it out everywhere.
int runResetPasswordCommand(AdminInvocation &invocation);

} // namespace Confab::Server
