#include "server/core/chatserver.h"
#include "server/core/serveroptions.h"
#include "server/core/shutdownsignals.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace Confab;
using namespace Confab::Server;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("confab-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CONFAB_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
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
    if ((*server)->isTls()) {
        if ((*server)->certificateCreated())
            out << "Generated a self-signed certificate in "
                << options->settings.tls.selfSignedDirectory << Qt::endl;
        out << "Certificate fingerprint: " << (*server)->certificateFingerprint() << Qt::endl;
    }
    out << "Listening on " << ((*server)->isTls() ? "https://" : "http://") << host << ':' << *port
        << Qt::endl;

    const int code = app.exec();
    (*server)->shutdown();
    return code;
}
