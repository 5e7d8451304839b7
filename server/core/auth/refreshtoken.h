#pragma once

#include <QByteArray>
#include <QString>

#include <chrono>

namespace Confab::Server {

/// Refresh tokens: 256 random bits handed out as 64 hex characters, stored only as a hash.
namespace RefreshToken {
inline constexpr std::chrono::hours kLifetime {24 * 30};

QString generate();
/// SHA-256 of the token, hex-encoded: what the database keeps. Empty for a malformed token.
QByteArray hash(const QString &token);
} // namespace RefreshToken

} // namespace Confab::Server
