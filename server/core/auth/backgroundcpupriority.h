#pragma once

namespace Confab::Server {

/// Gives the calling thread a lower CPU priority than the event loop's (ten nice steps down), once
/// per thread: for long CPU-bound jobs (Argon2id) that must not delay chat traffic when the cores
/// are busy, yet still make progress (a nice value, not an idle-only policy, on Linux).
void lowerCurrentThreadCpuPriority();

} // namespace Confab::Server
