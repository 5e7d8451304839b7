#include "server/core/serveroptions.h"

#include "server/core/config/jwtsecret.h"
#include "server/core/config/optionsources.h"

#include <QCommandLineParser>
#include <QDir>
#include <QStandardPaths>

namespace Confab::Server {

namespace {
Error optionError(const QString &message)
{
    return makeError(2, QStringLiteral("invalid_option"), message);
}

// A secret made once and kept beside the default database, readable by its owner only.
Result<QByteArray> generatedSecret(const QString &directory)
{
    Result<QByteArray> secret = JwtSecret::loadOrCreate(directory);
    if (!secret)
        return optionError(secret.error().message);
    return secret;
}
} // namespace

QString ServerOptions::defaultDataDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/confab");
}

Result<std::pair<QHostAddress, quint16>> parseListenAddress(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return optionError(QStringLiteral("--listen needs HOST:PORT, got \"%1\".").arg(text));
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return optionError(
            QStringLiteral("--listen: \"%1\" is not a port (0-65535).").arg(text.mid(colon + 1)));
    QHostAddress address;
    if (host == QLatin1String("localhost"))
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(host))
        return optionError(QStringLiteral("--listen: \"%1\" is not an IP address.").arg(host));
    return std::pair {address, quint16(port)};
}

namespace {
// `--advertise [NAME]` has an optional value, which QCommandLineParser cannot express: it is
// taken out of the arguments here. NAME is the next argument unless that is an option.
struct AdvertiseRequest
{
    bool requested = false;
    QString name;
};

Result<QStringList> takeAdvertise(const QStringList &arguments, AdvertiseRequest &request)
{
    QStringList rest;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--advertise")) {
            request.requested = true;
            if (i + 1 < arguments.size() && !arguments.at(i + 1).startsWith(QLatin1Char('-')))
                request.name = arguments.at(++i);
        } else if (argument.startsWith(QLatin1String("--advertise="))) {
            request.requested = true;
            request.name = argument.mid(int(qstrlen("--advertise=")));
        } else {
            rest << argument;
        }
    }
    request.name = request.name.trimmed();
    // DNS-SD instance names are at most 63 bytes of UTF-8.
    if (request.name.toUtf8().size() > 63)
        return optionError(QStringLiteral("--advertise: the name must be at most 63 bytes."));
    return rest;
}
} // namespace

Result<ServerOptions> ServerOptions::parse(
    const QStringList &arguments, const QProcessEnvironment &environment)
{
    AdvertiseRequest advertise;
    Result<QStringList> remaining = takeAdvertise(arguments, advertise);
    if (!remaining)
        return remaining.error();

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Confab chat server.\n\nCommands: confab-server admin create-user|reset-password|"
        "list-users|create-invite, confab-server backup --to FILE (see `confab-server admin "
        "--help`)."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const CommonOptions common;
    common.addTo(parser);
    const QCommandLineOption listenOption(QStringLiteral("listen"),
        QStringLiteral("Address and port to listen on (env CONFAB_LISTEN, key listen, default "
                       "127.0.0.1:8080; port 0 picks a free one)."),
        QStringLiteral("HOST:PORT"));
    const QCommandLineOption secretFileOption(QStringLiteral("jwt-secret-file"),
        QStringLiteral("File holding the token signing secret, 32 bytes or more (env "
                       "CONFAB_JWT_SECRET_FILE, or the secret itself in CONFAB_JWT_SECRET; key "
                       "jwt_secret_file; default: generated once in the data directory)."),
        QStringLiteral("PATH"));
    const QCommandLineOption maxConnectionsOption(QStringLiteral("max-connections"),
        QStringLiteral("Most open connections at once (env CONFAB_MAX_CONNECTIONS, key "
                       "max_connections, default 50000)."),
        QStringLiteral("N"));
    const QCommandLineOption connectionThreadsOption(QStringLiteral("connection-threads"),
        QStringLiteral("Threads that hold the WebSockets and write events to them (env "
                       "CONFAB_CONNECTION_THREADS, key connection_threads, default one per core; "
                       "0 keeps them on the main thread)."),
        QStringLiteral("N"));
    parser.addOptions(
        {listenOption, secretFileOption, maxConnectionsOption, connectionThreadsOption});
    const QCommandLineOption tlsCertificateOption(QStringLiteral("tls-cert"),
        QStringLiteral("PEM certificate (chain) to serve HTTPS and WSS with; needs --tls-key "
                       "(env CONFAB_TLS_CERT, key tls_cert; default plain HTTP)."),
        QStringLiteral("FILE"));
    const QCommandLineOption tlsKeyOption(QStringLiteral("tls-key"),
        QStringLiteral("PEM private key of --tls-cert (env CONFAB_TLS_KEY, key tls_key)."),
        QStringLiteral("FILE"));
    const QCommandLineOption tlsSelfSignedOption(QStringLiteral("tls-self-signed"),
        QStringLiteral("Serve HTTPS and WSS with a self-signed certificate kept in DIR, generated "
                       "on first start (env CONFAB_TLS_SELF_SIGNED, key tls_self_signed)."),
        QStringLiteral("DIR"));
    parser.addOptions({tlsCertificateOption, tlsKeyOption, tlsSelfSignedOption});
    const QCommandLineOption registrationOption(QStringLiteral("registration"),
        QStringLiteral(
            "Who may create accounts: open or invite (env CONFAB_REGISTRATION, key registration). "
            "Stored in the database; without it the stored mode (first open) stays."),
        QStringLiteral("MODE"));
    // Only for --help: takeAdvertise() has removed the real thing.
    const QCommandLineOption advertiseOption(QStringLiteral("advertise"),
        QStringLiteral("--advertise [NAME]: announce the server on the local network (DNS-SD "
                       "_confab._tcp) as NAME, default \"<user>'s Confab\" (env "
                       "CONFAB_ADVERTISE=1 or a name)."));
    parser.addOptions({registrationOption, advertiseOption});

    if (!parser.parse(*remaining))
        return optionError(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return optionError(QStringLiteral("Unexpected argument \"%1\"; see --help.")
                               .arg(parser.positionalArguments().first()));

    ServerOptions options;
    options.helpText = parser.helpText();
    if (parser.isSet(helpOption)) {
        options.action = Action::ShowHelp;
        return options;
    }
    if (parser.isSet(versionOption)) {
        options.action = Action::ShowVersion;
        return options;
    }

    OptionSources sources(parser, environment);
    if (Result<void> loaded = sources.loadConfigFile(common); !loaded)
        return loaded.error();

    Result<std::pair<QHostAddress, quint16>> listen = parseListenAddress(
        sources.value({listenOption, QStringLiteral("CONFAB_LISTEN"), QStringLiteral("listen")},
            QStringLiteral("127.0.0.1:8080")));
    if (!listen)
        return listen.error();
    options.settings.listenAddress = listen->first;
    options.settings.listenPort = listen->second;

    const QString maxConnections =
        sources.value({maxConnectionsOption, QStringLiteral("CONFAB_MAX_CONNECTIONS"),
                          QStringLiteral("max_connections")},
            QStringLiteral("50000"));
    bool ok = false;
    options.settings.maxConnections = maxConnections.toInt(&ok);
    if (!ok || options.settings.maxConnections < 1)
        return optionError(QStringLiteral("--max-connections needs a positive number, got \"%1\".")
                               .arg(maxConnections));
    const QString connectionThreads =
        sources.value({connectionThreadsOption, QStringLiteral("CONFAB_CONNECTION_THREADS"),
                          QStringLiteral("connection_threads")},
            {});
    if (!connectionThreads.isEmpty()) {
        const int threads = connectionThreads.toInt(&ok);
        if (!ok || threads < 0 || threads > RealtimeSettings::kMaxConnectionThreads)
            return optionError(
                QStringLiteral("--connection-threads needs a number from 0 to %1, got \"%2\".")
                    .arg(RealtimeSettings::kMaxConnectionThreads)
                    .arg(connectionThreads));
        options.settings.realtime.connectionThreads = threads;
    }

    TlsSettings &tls = options.settings.tls;
    tls.certificateFile = sources.path(
        {tlsCertificateOption, QStringLiteral("CONFAB_TLS_CERT"), QStringLiteral("tls_cert")}, {});
    tls.keyFile = sources.path(
        {tlsKeyOption, QStringLiteral("CONFAB_TLS_KEY"), QStringLiteral("tls_key")}, {});
    tls.selfSignedDirectory =
        sources.path({tlsSelfSignedOption, QStringLiteral("CONFAB_TLS_SELF_SIGNED"),
                         QStringLiteral("tls_self_signed")},
            {});
    if (tls.certificateFile.isEmpty() != tls.keyFile.isEmpty())
        return optionError(QStringLiteral("--tls-cert and --tls-key go together."));
    if (!tls.certificateFile.isEmpty() && !tls.selfSignedDirectory.isEmpty())
        return optionError(
            QStringLiteral("Give either --tls-cert and --tls-key or --tls-self-signed, not both."));

    const QString dataDirectory = sources.dataDirectory();
    Result<DatabaseConfig> database = sources.database(common, dataDirectory);
    if (!database)
        return database.error();
    options.settings.database = *database;
    if (database->dialect == SqlDialect::Sqlite) {
        const QString directory = QFileInfo(database->sqlitePath).absolutePath();
        if (!QDir().mkpath(directory))
            return optionError(QStringLiteral("Cannot create the directory %1.").arg(directory));
    }

    // The secret itself may come from the environment, never from a flag or the file.
    const SettingSource secretFile {secretFileOption, QStringLiteral("CONFAB_JWT_SECRET_FILE"),
        QStringLiteral("jwt_secret_file")};
    const bool secretInEnvironment = !parser.isSet(secretFileOption)
        && !environment.contains(QStringLiteral("CONFAB_JWT_SECRET_FILE"))
        && environment.contains(QStringLiteral("CONFAB_JWT_SECRET"));
    Result<QByteArray> secret = secretInEnvironment
        ? Result<QByteArray>(environment.value(QStringLiteral("CONFAB_JWT_SECRET")).toUtf8())
        : sources.isSet(secretFile)
        ? readSecretFile(sources.path(secretFile, {}), QStringLiteral("JWT secret"))
        : generatedSecret(dataDirectory);
    if (!secret)
        return secret.error();
    if (secret->size() < 32)
        return optionError(
            QStringLiteral("The JWT secret must be at least 32 bytes long (it has %1).")
                .arg(secret->size()));
    options.settings.jwtSecret = *secret;

    const QString registration = sources.value(
        {registrationOption, QStringLiteral("CONFAB_REGISTRATION"), QStringLiteral("registration")},
        QString());
    if (!registration.isEmpty()) {
        options.settings.registration = RegistrationModes::fromString(registration);
        if (!options.settings.registration)
            return optionError(QStringLiteral("--registration needs open or invite, got \"%1\".")
                                   .arg(registration));
    }

    if (advertise.requested) {
        options.settings.advertise = true;
        options.settings.advertiseName = advertise.name;
    } else if (environment.contains(QStringLiteral("CONFAB_ADVERTISE"))) {
        const QString wanted = environment.value(QStringLiteral("CONFAB_ADVERTISE")).trimmed();
        const bool off = wanted == QLatin1String("0") || wanted == QLatin1String("false")
            || wanted == QLatin1String("no");
        options.settings.advertise = !wanted.isEmpty() && !off;
        if (wanted != QLatin1String("1") && wanted != QLatin1String("true")
            && wanted != QLatin1String("yes"))
            options.settings.advertiseName = options.settings.advertise ? wanted : QString();
    }
    return options;
}

} // namespace Confab::Server
