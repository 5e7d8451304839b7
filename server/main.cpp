#include "server/core/admin/createinvitecommand.h"
#include "server/core/chatserver.h"
#include "server/core/serveroptions.h"
#include "server/core/shutdownsignals.h"

#include "lan/serviceadvertiser.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace Confab;
using namespace Confab::Server;

namespace {
// `confab-server admin create-invite [...]`: its own options, then the server's.
int runAdminCommand(QStringList arguments, QTextStream &out, QTextStream &err)
{
    const QString program = arguments.takeFirst();
    arguments.takeFirst(); // "admin"
    const QString command = arguments.isEmpty() ? QString() : arguments.takeFirst();
    if (command != QLatin1String("create-invite")) {
        err << "confab-server admin: unknown command \"" << command
            << "\"; usage: " << CreateInviteCommand::usage() << Qt::endl;
        return 2;
    }
    Result<CreateInviteCommand> createInvite = CreateInviteCommand::takeFrom(arguments);
    if (!createInvite) {
        err << "confab-server: " << createInvite.error().message << Qt::endl;
        return 2;
    }
    arguments.prepend(program);
    Result<ServerOptions> options =
        ServerOptions::parse(arguments, QProcessEnvironment::systemEnvironment());
    if (!options) {
        err << "confab-server: " << options.error().message << Qt::endl;
        return 2;
    }
    return createInvite->run(options->settings, out, err);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("confab-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CONFAB_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    if (app.arguments().size() > 1 && app.arguments().at(1) == QLatin1String("admin"))
        return runAdminCommand(app.arguments(), out, err);
    Result<ServerOptions> options =
        ServerOptions::parse(app.arguments(), QProcessEnvironment::systemEnvironment());
    if (!options) {
        err << "confab-server: " << options.error().message << Qt::endl;
        return 2;
    }
    if (options->action == ServerOptions::Action::ShowHelp) {
        out << options->helpText << Qt::flush;
        return 0;
    }
    if (options->action == ServerOptions::Action::ShowVersion) {
        out << "confab-server " << CONFAB_VERSION << Qt::endl;
        return 0;
    }

    Result<std::unique_ptr<ChatServer>> server = ChatServer::create(options->settings);
    if (!server) {
        err << "confab-server: " << server.error().message << Qt::endl;
        return 2;
    }
    Result<quint16> port = (*server)->listen();
    if (!port) {
        err << "confab-server: " << port.error().message << Qt::endl;
        return 2;
    }

    ShutdownSignals shutdownSignals;
    QObject::connect(
        &shutdownSignals, &ShutdownSignals::shutdownRequested, &app, &QCoreApplication::quit);

    const QHostAddress address = (*server)->address();
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(address.toString())
        : address.toString();
    out << "Listening on http://" << host << ':' << *port << Qt::endl;

    // Announcing is a convenience: when it fails the server runs on, with a warning.
    Lan::ServiceAdvertiser advertiser;
    if (options->settings.advertise) {
        if (address.isLoopback())
            err << "confab-server: warning: listening on " << host
                << " only; other computers will see the announcement but cannot connect "
                   "(use --listen 0.0.0.0:PORT)."
                << Qt::endl;
        QObject::connect(
            &advertiser, &Lan::ServiceAdvertiser::registered, &app, [&out](const QString &name) {
                out << "Announced on the local network as \"" << name << '"' << Qt::endl;
            });
        QObject::connect(
            &advertiser, &Lan::ServiceAdvertiser::failed, &app, [&err](const QString &message) {
                err << "confab-server: warning: cannot announce on the local network: " << message
                    << Qt::endl;
            });
        if (!advertiser.start(options->settings.advertiseName, *port))
            err << "confab-server: warning: cannot announce on the local network: "
                << advertiser.errorString() << Qt::endl;
    }

    const int code = app.exec();
    (*server)->shutdown();
    return code;
}
