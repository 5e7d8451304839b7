#include "bench/benchrunner.h"

#include "bench/resulttable.h"
#include "bench/scenarios.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QThread>

#include <cstdio>

namespace Confab::Bench {

namespace {

QJsonObject machine()
{
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    QString load;
    if (loadavg.open(QIODevice::ReadOnly))
        load = QString::fromLatin1(loadavg.readAll()).section(QLatin1Char(' '), 0, 2);
    QJsonObject info;
    info.insert(QStringLiteral("cpus"), QThread::idealThreadCount());
    info.insert(QStringLiteral("kernel"), QSysInfo::kernelVersion());
    info.insert(QStringLiteral("loadAverageAtStart"), load);
    return info;
}

/// Writes what is known so far, so that an interrupted run keeps its finished scenarios.
bool writeResults(const BenchOptions &options, const QString &startedAt,
    const QJsonObject &machineInfo, const QJsonArray &rows, bool finished)
{
    bool correct = true;
    for (const QJsonValue &row : rows) {
        if (!row.toObject().value(QStringLiteral("problems")).toArray().isEmpty())
            correct = false;
    }
    QJsonObject document;
    document.insert(QStringLiteral("command"), options.commandLine);
    document.insert(QStringLiteral("startedAt"), startedAt);
    if (finished) {
        document.insert(
            QStringLiteral("finishedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    }
    document.insert(QStringLiteral("machine"), machineInfo);
    document.insert(QStringLiteral("correct"), correct);
    document.insert(QStringLiteral("rows"), rows);
    QFile file(options.jsonPath);
    return file.open(QIODevice::WriteOnly)
        && file.write(QJsonDocument(document).toJson(QJsonDocument::Indented)) >= 0;
}

} // namespace

QCoro::Task<int> runBench(BenchOptions options)
{
    QJsonArray rows;
    const QString startedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    const QJsonObject machineInfo = machine();
    for (const QString &database : std::as_const(options.databases)) {
        for (const QString &scenario : std::as_const(options.scenarios)) {
            fprintf(
                stderr, "confab-bench: %s on %s...\n", qPrintable(scenario), qPrintable(database));
            QJsonArray scenarioRows;
            if (scenario == QLatin1String("idle"))
                scenarioRows = co_await runIdleScenario(options, database);
            else if (scenario == QLatin1String("fanout"))
                scenarioRows = co_await runFanoutScenario(options, database);
            else if (scenario == QLatin1String("saturation"))
                scenarioRows = co_await runSaturationScenario(options, database);
            else if (scenario == QLatin1String("history"))
                scenarioRows = co_await runHistoryScenario(options, database);
            else if (scenario == QLatin1String("reconnect"))
                scenarioRows = co_await runReconnectScenario(options, database);
            else if (scenario == QLatin1String("logins"))
                scenarioRows = co_await runLoginScenario(options, database);
            else if (scenario == QLatin1String("durability"))
                scenarioRows = co_await runDurabilityScenario(options, database);
            else if (scenario == QLatin1String("client"))
                scenarioRows = co_await runClientScenario(options, database);
            for (const QJsonValue &row : std::as_const(scenarioRows)) {
                rows.append(row);
                fputs(
                    qPrintable(formatResultTable(QJsonArray {row}).section(QLatin1Char('\n'), 2, 2)
                        + QLatin1Char('\n')),
                    stderr);
            }
            writeResults(options, startedAt, machineInfo, rows, false);
        }
    }
    if (!writeResults(options, startedAt, machineInfo, rows, true)) {
        fprintf(stderr, "confab-bench: cannot write %s\n", qPrintable(options.jsonPath));
        co_return 2;
    }
    bool correct = true;
    for (const QJsonValue &row : std::as_const(rows)) {
        if (!row.toObject().value(QStringLiteral("problems")).toArray().isEmpty())
            correct = false;
    }
    fputs(qPrintable(formatResultTable(rows)), stdout);
    fprintf(stdout, "Results written to %s\n", qPrintable(options.jsonPath));
    fflush(stdout);
    const int code = correct ? 0 : 1;
    co_return code;
}

} // namespace Confab::Bench
