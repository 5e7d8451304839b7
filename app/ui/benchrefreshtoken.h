#pragma once

#include <QString>

namespace Confab::Ui {

/// Benchmark-only (docs/performance.md, "Desktop client"): the refresh token confab-bench
/// hands the app in CONFAB_BENCH_REFRESH_TOKEN, so that a run resumes a session as it would
/// from the keychain. The variable is removed from the environment once read; empty when
/// it is not set.
QString takeBenchRefreshToken();

} // namespace Confab::Ui
