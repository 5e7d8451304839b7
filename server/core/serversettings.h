#pragma once

#include "server/core/admin/registrationmode.h"
#include "server/core/realtime/realtimesettings.h"
#include "server/core/storage/databaseconfig.h"
#include "server/core/tls/tlssettings.h"

#include <QByteArray>
#include <QHostAddress>

#include <chrono>

namespace Confab::Server {

/// Everything a ChatServer needs to start, however it was configured.
struct ServerSettings
{
    DatabaseConfig database;
    QByteArray jwtSecret;
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8080;
    int maxConnections = 50000;
    RealtimeSettings realtime;
    /// HTTPS and WSS instead of HTTP and WS on the same port, when enabled.
    TlsSettings tls;
    /// Stored in the database at start-up when given; otherwise the stored mode stays.
    std::optional<RegistrationMode> registration;
    /// Announce the server on the local network (DNS-SD), under `advertiseName` when set.
    bool advertise = false;
    QString advertiseName;
    /// Lifetime of issued access tokens; only tests shorten it (to exercise client refresh).
    std::chrono::seconds accessTokenLifetime {15 * 60};
};

} // namespace Confab::Server
