#include "bench/benchoptions.h"

#include <QCoreApplication>
#include <QDir>

namespace Confab::Bench {

namespace {

Result<QList<int>> parseIntList(const QString &text, const QString &option)
{
    QList<int> values;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int value = part.trimmed().toInt(&ok);
        if (!ok || value <= 0)
            return internalError(
                QStringLiteral("%1: %2 is not a positive number").arg(option, part));
        values.append(value);
    }
    if (values.isEmpty())
        return internalError(QStringLiteral("%1 needs at least one number").arg(option));
    return values;
}

Result<GroupSet> parseGroupSet(const QString &text, const QString &option)
{
    // GROUPSxMEMBERS, optionally @RATE
    GroupSet set;
    const QStringList withRate = text.split(QLatin1Char('@'));
    if (withRate.size() == 2) {
        bool rateOk = false;
        set.rate = withRate[1].toInt(&rateOk);
        if (!rateOk || set.rate <= 0)
            return internalError(QStringLiteral("%1: %2 is not a rate").arg(option, withRate[1]));
    }
    const QStringList parts = withRate[0].split(QLatin1Char('x'));
    bool groupsOk = false;
    bool membersOk = false;
    if (parts.size() == 2) {
        set.groups = parts[0].toInt(&groupsOk);
        set.members = parts[1].toInt(&membersOk);
    }
    if (!groupsOk || !membersOk || set.groups <= 0 || set.members < 2)
        return internalError(
            QStringLiteral("%1: %2 is not GROUPSxMEMBERS (e.g. 20x50)").arg(option, text));
    return set;
}

} // namespace

QString BenchOptions::helpText()
{
    return QStringLiteral(
        "Usage: confab-bench --server PATH [options]\n"
        "       confab-bench --table RESULTS.json   (print the table of a results file)\n"
        "Starts confab-server as a separate process per scenario, drives it with load from\n"
        "worker processes, prints a table and writes JSON.\n\n"
        "  --server PATH            the confab-server binary to measure (required)\n"
        "  --databases LIST         sqlite,postgres (default sqlite)\n"
        "  --postgres-url URL       administrative URL of a role with CREATEDB\n"
        "  --scenarios LIST         idle,fanout,history,saturation,reconnect,\n"
        "                           logins,durability,client\n"
        "                           (default idle,fanout,history,saturation)\n"
        "  --idle-steps LIST        connection counts (default 1000,10000)\n"
        "  --fanout-sets LIST       GROUPSxMEMBERS[@RATE] sets (default 20x50@200,1x1000@20)\n"
        "  --rate N                 fan-out messages per second, all groups together, for\n"
        "                           sets without @RATE (default 200)\n"
        "  --duration S             seconds of sending per run or step (default 10)\n"
        "  --saturation-rates LIST  messages per second to step through\n"
        "  --saturation-set GxM     groups for the saturation steps (default 20x50)\n"
        "  --history-messages N     messages in the history conversation (default 1000000)\n"
        "  --history-samples N      page fetches per position (default 200)\n"
        "  --reconnect-clients N    clients in the reconnect storm (default 10000)\n"
        "  --durability-rate N      messages per second asked for before the kill (default 5000)\n"
        "  --login-burst N          sign-ins in the burst (default 200)\n"
        "  --login-chat GxM@RATE    chat load during the sign-ins (default 20x50@100)\n"
        "  --client PATH            the confab desktop app, for the client scenario\n"
        "  --client-conversations N conversations of the app's user (default 100)\n"
        "  --client-messages N      messages in the one scrolled back through (default 10000)\n"
        "  --client-settle-ms N     from a usable list to the idle memory reading (default 3000)\n"
        "  --client-screenshots DIR the app saves its window there when usable and scrolled\n"
        "  --users-per-worker N     WebSockets per load worker process (default 5000)\n"
        "  --server-env NAME=VALUE  add to the server's environment (repeatable)\n"
        "  --work-dir DIR           where databases, secrets and logs go (default a temp dir)\n"
        "  --json PATH              where to write the results (default bench-results.json)\n");
}

Result<BenchOptions> BenchOptions::parse(const QStringList &arguments)
{
    BenchOptions options;
    options.selfBinary = QCoreApplication::applicationFilePath();
    options.jsonPath = QStringLiteral("bench-results.json");
    options.commandLine =
        (QStringList {QStringLiteral("confab-bench")} + arguments).join(QLatin1Char(' '));
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &name = arguments[i];
        if (name == QLatin1String("--help") || name == QLatin1String("-h"))
            return internalError(helpText());
        if (i + 1 >= arguments.size())
            return internalError(QStringLiteral("%1 needs a value").arg(name));
        const QString value = arguments[++i];
        if (name == QLatin1String("--server")) {
            options.serverBinary = value;
        } else if (name == QLatin1String("--databases")) {
            options.databases = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
            for (const QString &db : std::as_const(options.databases)) {
                if (db != QLatin1String("sqlite") && db != QLatin1String("postgres"))
                    return internalError(QStringLiteral("--databases: unknown %1").arg(db));
            }
        } else if (name == QLatin1String("--server-env")) {
            if (!value.contains(QLatin1Char('=')))
                return internalError(
                    QStringLiteral("--server-env: %1 is not NAME=VALUE").arg(value));
            options.serverEnvironment.append(value);
        } else if (name == QLatin1String("--work-dir")) {
            options.workDirectory = value;
        } else if (name == QLatin1String("--client")) {
            options.clientBinary = value;
        } else if (name == QLatin1String("--client-screenshots")) {
            options.clientScreenshots = value;
        } else if (name == QLatin1String("--json")) {
            options.jsonPath = value;
        } else if (name == QLatin1String("--postgres-url")) {
            options.postgresUrl = value;
        } else if (name == QLatin1String("--scenarios")) {
            options.scenarios = value.split(QLatin1Char(','), Qt::SkipEmptyParts);
            static const QStringList known {QStringLiteral("idle"), QStringLiteral("fanout"),
                QStringLiteral("history"), QStringLiteral("saturation"),
                QStringLiteral("reconnect"), QStringLiteral("logins"), QStringLiteral("durability"),
                QStringLiteral("client")};
            for (const QString &scenario : std::as_const(options.scenarios)) {
                if (!known.contains(scenario))
                    return internalError(QStringLiteral("--scenarios: unknown %1").arg(scenario));
            }
        } else if (name == QLatin1String("--idle-steps")) {
            Result<QList<int>> steps = parseIntList(value, name);
            if (!steps)
                return steps.error();
            options.idleSteps = *steps;
        } else if (name == QLatin1String("--fanout-sets")) {
            options.fanoutSets.clear();
            for (const QString &part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                Result<GroupSet> set = parseGroupSet(part, name);
                if (!set)
                    return set.error();
                options.fanoutSets.append(*set);
            }
        } else if (name == QLatin1String("--login-chat")) {
            Result<GroupSet> set = parseGroupSet(value, name);
            if (!set)
                return set.error();
            options.loginChatSet = *set;
            if (options.loginChatSet.rate == 0)
                options.loginChatSet.rate = 100;
        } else if (name == QLatin1String("--saturation-set")) {
            Result<GroupSet> set = parseGroupSet(value, name);
            if (!set)
                return set.error();
            options.saturationSet = *set;
        } else if (name == QLatin1String("--saturation-rates")) {
            Result<QList<int>> rates = parseIntList(value, name);
            if (!rates)
                return rates.error();
            options.saturationRates = *rates;
        } else {
            bool ok = false;
            const double number = value.toDouble(&ok);
            if (!ok || number <= 0)
                return internalError(
                    QStringLiteral("%1: %2 is not a positive number").arg(name, value));
            if (name == QLatin1String("--rate"))
                options.fanoutRate = int(number);
            else if (name == QLatin1String("--duration"))
                options.durationSeconds = number;
            else if (name == QLatin1String("--history-messages"))
                options.historyMessages = int(number);
            else if (name == QLatin1String("--history-samples"))
                options.historySamples = int(number);
            else if (name == QLatin1String("--durability-rate"))
                options.durabilityRate = int(number);
            else if (name == QLatin1String("--login-burst"))
                options.loginBurst = int(number);
            else if (name == QLatin1String("--reconnect-clients"))
                options.reconnectClients = int(number);
            else if (name == QLatin1String("--client-conversations"))
                options.clientConversations = int(number);
            else if (name == QLatin1String("--client-messages"))
                options.clientMessages = int(number);
            else if (name == QLatin1String("--client-settle-ms"))
                options.clientSettleMs = int(number);
            else if (name == QLatin1String("--users-per-worker"))
                options.usersPerWorker = int(number);
            else
                return internalError(QStringLiteral("unknown option %1").arg(name));
        }
    }
    if (options.serverBinary.isEmpty())
        return internalError(QStringLiteral("--server PATH is required"));
    if (options.databases.contains(QStringLiteral("postgres")) && options.postgresUrl.isEmpty())
        options.postgresUrl = qEnvironmentVariable("CONFAB_BENCH_POSTGRES_URL");
    return options;
}

} // namespace Confab::Bench
