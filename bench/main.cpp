#include "bench/benchoptions.h"
#include "bench/benchrunner.h"
#include "bench/loadworker.h"
#include "bench/resulttable.h"
#include "server/core/eventloop/epolleventdispatcher.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace Confab::Bench;

int main(int argc, char *argv[])
{
    // Workers hold thousands of sockets: waiting with epoll keeps the generator from
    // spending its time walking them (as it does the server's; docs/performance.md).
    if (auto *dispatcher = Confab::Server::EpollEventDispatcher::create())
        QCoreApplication::setEventDispatcher(dispatcher);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("confab-bench"));
    // The server library's migrations log each step; here they are only setup.
    QLoggingCategory::setFilterRules(QStringLiteral("confab.server.storage.info=false"));
    const QStringList arguments = app.arguments().mid(1);
    if (arguments.value(0) == QLatin1String("worker"))
        return runWorker(arguments.mid(1));
    if (arguments.value(0) == QLatin1String("--table") && arguments.size() == 2) {
        // Renders the table of a results file again, also of an interrupted run.
        QFile file(arguments[1]);
        if (!file.open(QIODevice::ReadOnly)) {
            fprintf(stderr, "confab-bench: cannot read %s\n", qPrintable(arguments[1]));
            return 2;
        }
        const QJsonObject document = QJsonDocument::fromJson(file.readAll()).object();
        fputs(qPrintable(formatResultTable(document.value(QStringLiteral("rows")).toArray())),
            stdout);
        return 0;
    }

    Confab::Result<BenchOptions> options = BenchOptions::parse(arguments);
    if (!options) {
        const bool help = arguments.contains(QStringLiteral("--help"))
            || arguments.contains(QStringLiteral("-h"));
        fputs(qPrintable(options.error().message + QLatin1Char('\n')), help ? stdout : stderr);
        return help ? 0 : 2;
    }
    QTemporaryDir temporary;
    if (options->workDirectory.isEmpty()) {
        if (!temporary.isValid()) {
            fputs("confab-bench: cannot make a temporary directory\n", stderr);
            return 2;
        }
        options->workDirectory = temporary.path();
    }
    int exitCode = 2;
    QTimer::singleShot(0, &app, [&] {
        runBench(*options).then([&](int code) {
            exitCode = code;
            QCoreApplication::quit();
        });
    });
    app.exec();
    return exitCode;
}
