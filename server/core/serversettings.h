#pragma once

#include "server/core/realtime/realtimesettings.h"
#include "server/core/storage/databaseconfig.h"

#include <QByteArray>
#include <QHostAddress>

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
};

} // namespace Confab::Server
