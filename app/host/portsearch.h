#pragma once

#include "common/result.h"

namespace Confab::Server {
class ChatServer;
}

namespace Confab::Host {

/// Binding a server to the preferred port, or to the next free one above it.
namespace PortSearch {
inline constexpr int kAttempts = 20;

/// Listens on `preferred`, and while that port is in use on the ones after it, `attempts`
/// ports in all. Port 0 lets the system choose. Returns the port bound; fails with a clear
/// message when every port tried was taken, or at once for any other reason.
Result<quint16> listen(Server::ChatServer &server, quint16 preferred, int attempts = kAttempts);
} // namespace PortSearch

} // namespace Confab::Host
