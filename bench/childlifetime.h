#pragma once

class QProcess;

namespace Confab::Bench {

/// Makes the process `process` starts die with confab-bench: a server, worker or app left
/// running by a crashed or killed run would hold ports, files and CPU and skew the next run.
/// On Linux the kernel sends it SIGKILL when confab-bench goes; elsewhere this does nothing.
void dieWithBench(QProcess &process);

} // namespace Confab::Bench
