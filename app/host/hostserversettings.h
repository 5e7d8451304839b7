#pragma once

#include "app/host/embeddedserver.h"

#include "server/core/serversettings.h"

#include "common/result.h"

namespace Confab::Host {

/// What the embedded server runs with, laid out in its data directory:
/// `confab.db` (SQLite), `jwt-secret` (0600) and `tls/` (the self-signed pair, key 0600).
namespace HostServerSettings {
/// Creates the data directory and the secret when missing (so: call it off the GUI thread).
/// Listens on every interface. Fails with a sentence for the host.
Result<Server::ServerSettings> prepare(const HostSettings &settings);
} // namespace HostServerSettings

} // namespace Confab::Host
