#pragma once

#include <QtGlobal>

namespace Confab::Bench {

/// What /proc says about one process: CPU time used so far and resident memory.
struct ProcessSample
{
    bool valid = false;
    double cpuSeconds = 0; // user + system
    qint64 rssKb = 0;
    qint64 rssAnonKb = 0; // of rssKb: private memory (heap, stacks)
    qint64 rssFileKb = 0; // of rssKb: mapped files (libraries, fonts), shared with others
};

/// Reads /proc/<pid>/stat and /proc/<pid>/status; pid 0 means this process.
ProcessSample sampleProcess(qint64 pid);

} // namespace Confab::Bench
