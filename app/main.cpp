// The Confab desktop client.
#include "app/ui/benchreporter.h"
#include "app/ui/clientapplication.h"
#include "app/ui/translationloader.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>

#include <memory>

namespace {

/// --help and --version only print: they must work without a display, so they are
/// answered before QApplication (which needs one) exists.
bool onlyPrints(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-v"
            || arg == "--version" || arg == "-?")
            return true;
    }
    return false;
}

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Confab"));
    QCoreApplication::setApplicationName(QStringLiteral("Confab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CONFAB_VERSION));
}

} // namespace

int main(int argc, char *argv[])
{
    std::unique_ptr<QCoreApplication> app;
    if (onlyPrints(argc, argv))
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv);
    setIdentity();
    Confab::Ui::TranslationLoader translations;
    translations.load(QLocale());

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Confab messenger"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(QStringLiteral("server"),
        QCoreApplication::translate("main", "The server's address, e.g. https://chat.example.org."),
        QStringLiteral("URL"));
    const QCommandLineOption profile(QStringLiteral("profile"),
        QCoreApplication::translate("main", "Keep settings and the session under profile NAME."),
        QStringLiteral("NAME"), QStringLiteral("default"));
    parser.addOption(server);
    parser.addOption(profile);
    parser.process(*app); // exits after printing help or the version

    Confab::Ui::ClientApplication client(parser.value(profile), parser.value(server));
    // Benchmark-only, when CONFAB_BENCH_REPORT is set (docs/performance.md).
    const auto benchReporter = Confab::Ui::BenchReporter::fromEnvironment(&client);
    client.start();
    return app->exec();
}
