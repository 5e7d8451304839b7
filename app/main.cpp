// The Confab desktop client.
#include "app/ui/clientapplication.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Confab"));
    QApplication::setApplicationName(QStringLiteral("Confab"));
    QApplication::setApplicationVersion(QStringLiteral(CONFAB_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Confab messenger"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(QStringLiteral("server"),
        QApplication::translate("main", "The server's address, e.g. https://chat.example.org."),
        QStringLiteral("URL"));
    const QCommandLineOption profile(QStringLiteral("profile"),
        QApplication::translate("main", "Keep settings and the session under profile NAME."),
        QStringLiteral("NAME"), QStringLiteral("default"));
    parser.addOption(server);
    parser.addOption(profile);
    parser.process(app);

    Confab::Ui::ClientApplication client(parser.value(profile), parser.value(server));
    client.start();
    return app.exec();
}
