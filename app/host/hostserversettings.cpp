#include "app/host/hostserversettings.h"

#include "server/core/config/jwtsecret.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace Confab::Host::HostServerSettings {

Result<Server::ServerSettings> prepare(const HostSettings &settings)
{
    if (settings.dataDirectory.isEmpty())
        return makeError(0, QStringLiteral("no_data_directory"),
            QCoreApplication::translate("Confab::Host::HostServerSettings",
                "No folder was given for the hosted chat's data."));
    const QString directory = QDir::cleanPath(QDir(settings.dataDirectory).absolutePath());
    if (!QDir().mkpath(directory) || !QFileInfo(directory).isWritable())
        return makeError(0, QStringLiteral("data_directory_unusable"),
            QCoreApplication::translate("Confab::Host::HostServerSettings",
                "Cannot store the hosted chat's data in %1: the folder cannot be created or "
                "written to.")
                .arg(QDir::toNativeSeparators(directory)));
    Result<QByteArray> secret = Server::JwtSecret::loadOrCreate(directory);
    if (!secret)
        return secret.error();

    Server::ServerSettings server;
    server.database.dialect = Server::SqlDialect::Sqlite;
    server.database.sqlitePath = directory + QStringLiteral("/confab.db");
    server.jwtSecret = *secret;
    server.listenAddress = QHostAddress::Any;
    server.listenPort = settings.port;
    if (settings.tls)
        server.tls.selfSignedDirectory = directory + QStringLiteral("/tls");
    // The app announces the server itself, on its own thread (see EmbeddedServer).
    server.advertise = false;
    // A household's or an office's chat needs no thread per core inside the desktop app:
    // the WebSockets stay on the server's own thread.
    server.realtime.connectionThreads = 0;
    return server;
}

} // namespace Confab::Host::HostServerSettings
