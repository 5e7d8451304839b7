#pragma once

namespace Confab::Server {

class AdminInvocation;

/// Writes a consistent copy of a SQLite database to --to FILE, also while the server runs.
int runBackupCommand(AdminInvocation &invocation);

} // namespace Confab::Server
