#pragma once

#include <QString>

namespace Confab::Bench {

/// The password every seeded user has, and its Argon2id hash, made once per run: sign-ins work
/// and seeding stays fast.
inline constexpr char kBenchPassword[] = "bench-password";
QString benchPasswordHash();

} // namespace Confab::Bench
