#pragma once

#include <QByteArray>
#include <QString>

namespace Confab::Server {

/// Invite codes: 128 random bits written as 22 URL-safe base64 characters (no padding), so
/// they survive being pasted into links and chat. Only their hash is stored.
namespace InviteCode {
QString generate();
/// SHA-256 of the code, hex-encoded; empty for text that cannot be a code.
QByteArray hash(const QString &code);
} // namespace InviteCode

} // namespace Confab::Server
