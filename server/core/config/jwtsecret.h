#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>

namespace Confab::Server {

/// The token signing secret a server keeps beside its data when nobody gave it one.
namespace JwtSecret {
/// `<directory>/jwt-secret`: read when it exists, else 32 random bytes (hex) written there
/// first, readable by its owner only. Creates the directory. Fails with a one-line reason.
Result<QByteArray> loadOrCreate(const QString &directory);
} // namespace JwtSecret

} // namespace Confab::Server
