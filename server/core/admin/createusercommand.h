#pragma once

namespace Confab::Server {

class AdminInvocation;

/// Creates an account; the password is read from a prompt or stdin.
int runCreateUserCommand(AdminInvocation &invocation);

} // namespace Confab::Server
