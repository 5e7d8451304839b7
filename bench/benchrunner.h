#pragma once

#include "bench/benchoptions.h"

#include <QCoroTask>

namespace Confab::Bench {

/// Runs the chosen scenarios on each chosen database, prints the table and writes the JSON.
/// Returns the exit code: 0 when every row is correct, 1 when any lists a problem.
QCoro::Task<int> runBench(BenchOptions options);

} // namespace Confab::Bench
