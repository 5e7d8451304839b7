#include "server/core/admin/admincommands.h"
#include "server/core/chatserver.h"
#ifdef CONFAB_HAVE_EPOLL_DISPATCHER
#include "server/core/eventloop/epolleventdispatcher.h"
#endif
#include "server/core/log/serverlog.h"
#include "server/core/serveroptions.h"
#include "server/core/shutdownsignals.h"

#include "lan/serviceadvertiser.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>

using namespace Confab;
using namespace Confab::Server;

int main(int argc, char *argv[])
{
    // The main thread, which does all socket work, waits with epoll; CONFAB_EVENT_DISPATCHER=qt
    // keeps Qt's own. Other threads (database workers) get Qt's poll() dispatcher rather than
    // GLib's, which keeps socket notifiers in a list that every write walks
    // (docs/performance.md, "What bounds it"); an explicit QT_NO_GLIB wins.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
#ifdef CONFAB_HAVE_EPOLL_DISPATCHER
    const bool useEpoll = qEnvironmentVariable("CONFAB_EVENT_DISPATCHER") != QLatin1String("qt");
    if (useEpoll) {
        if (auto *dispatcher = EpollEventDispatcher::create())
            QCoreApplication::setEventDispatcher(dispatcher);
    }
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("confab-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CONFAB_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    if (isAdminCommandLine(app.arguments())) {
        ServerLog::install();
        // An operator's command reports its own outcome; only warnings and errors are logged.
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\n*.info=false"));
        return runAdminCommand(app.arguments(), QProcessEnvironment::systemEnvironment(), out, err);
    }

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

#ifdef CONFAB_HAVE_EPOLL_DISPATCHER
    // The connection threads hold the WebSockets: they wait with epoll too.
    if (useEpoll)
        options->settings.realtime.threadEventDispatcher = [] {
            return static_cast<QAbstractEventDispatcher *>(EpollEventDispatcher::create());
        };
#endif
    ServerLog::install();
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
    ServerLog::logEvent(QtInfoMsg, QStringLiteral("server_started"),
        {{QStringLiteral("version"), QStringLiteral(CONFAB_VERSION)},
            {QStringLiteral("address"), host}, {QStringLiteral("port"), QString::number(*port)},
            {QStringLiteral("tls"),
                (*server)->isTls() ? QStringLiteral("on") : QStringLiteral("off")},
            {QStringLiteral("database"), options->settings.database.describe()}});

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
        const bool tls = (*server)->isTls();
        if (!advertiser.start(options->settings.advertiseName, *port, tls,
                tls ? (*server)->certificateFingerprint() : QString()))
            err << "confab-server: warning: cannot announce on the local network: "
                << advertiser.errorString() << Qt::endl;
    }

    const int code = app.exec();
    (*server)->shutdown();
    ServerLog::logEvent(QtInfoMsg, QStringLiteral("server_stopped"));
    return code;
}
