#include "bench/commitstatsreader.h"
#include "bench/fanoutload.h"
#include "bench/scenarios.h"

namespace Confab::Bench {

namespace {

void checkFanout(QJsonObject &row, const QJsonObject &results)
{
    const QJsonObject sender = results.value(QStringLiteral("sender")).toObject();
    if (results.value(QStringLiteral("lost")).toDouble() > 0)
        addProblem(row,
            QStringLiteral("%1 deliveries lost")
                .arg(results.value(QStringLiteral("lost")).toDouble()));
    if (results.value(QStringLiteral("unexpected")).toDouble() > 0)
        addProblem(row,
            QStringLiteral("%1 deliveries more than expected")
                .arg(results.value(QStringLiteral("unexpected")).toDouble()));
    if (sender.value(QStringLiteral("errors")).toDouble() > 0)
        addProblem(row,
            QStringLiteral("%1 sends failed, first: %2")
                .arg(sender.value(QStringLiteral("errors")).toDouble())
                .arg(sender.value(QStringLiteral("firstError")).toString()));
    if (results.value(QStringLiteral("connectionsDropped")).toInt() > 0)
        addProblem(row,
            QStringLiteral("%1 WebSockets dropped during the run")
                .arg(results.value(QStringLiteral("connectionsDropped")).toInt()));
}

QJsonObject fanoutParameters(const GroupSet &set, double rate, double seconds)
{
    QJsonObject parameters;
    parameters.insert(QStringLiteral("groups"), set.groups);
    parameters.insert(QStringLiteral("members"), set.members);
    parameters.insert(QStringLiteral("messagesPerSecond"), rate);
    parameters.insert(QStringLiteral("seconds"), seconds);
    parameters.insert(QStringLiteral("targetDeliveriesPerSecond"), rate * set.members);
    return parameters;
}

QCoro::Task<QJsonObject> runFanoutSet(BenchOptions options, QString database, GroupSet set)
{
    const double rate = set.rate > 0 ? set.rate : options.fanoutRate;
    QJsonObject row = resultRow(
        QStringLiteral("fanout"), database, fanoutParameters(set, rate, options.durationSeconds));
    ScenarioFixture fixture(options, database);
    FanoutSetup setup = co_await prepareFanout(&fixture, set);
    row.insert(QStringLiteral("connect"), setup.connect);
    if (!setup.error.isEmpty()) {
        addProblem(row, setup.error);
        co_return row;
    }
    QJsonObject results =
        co_await runFanoutLoad(&fixture, setup.groups, rate, options.durationSeconds);
    row.insert(QStringLiteral("results"), results);
    checkFanout(row, results);
    co_return row;
}

} // namespace

QCoro::Task<QJsonArray> runFanoutScenario(BenchOptions options, QString database)
{
    QJsonArray rows;
    for (const GroupSet &set : std::as_const(options.fanoutSets)) {
        QJsonObject row = co_await runFanoutSet(options, database, set);
        rows.append(row);
    }
    co_return rows;
}

QCoro::Task<QJsonArray> runSaturationScenario(BenchOptions options, QString database)
{
    // One server and one set of connections for every step, as a server under growing load.
    QJsonArray rows;
    const GroupSet set = options.saturationSet;
    ScenarioFixture fixture(options, database);
    FanoutSetup setup = co_await prepareFanout(&fixture, set);
    if (!setup.error.isEmpty()) {
        QJsonObject row = resultRow(QStringLiteral("saturation"), database,
            fanoutParameters(set, 0, options.durationSeconds));
        addProblem(row, setup.error);
        rows.append(row);
        co_return rows;
    }
    CommitStatsReader commitStats(fixture.server().port(), fixture.adminToken());
    QJsonObject best;
    QString stoppedBecause = QStringLiteral("no step failed; ask for higher --saturation-rates");
    for (int rate : std::as_const(options.saturationRates)) {
        QJsonObject row = resultRow(QStringLiteral("saturation"), database,
            fanoutParameters(set, rate, options.durationSeconds));
        Result<CommitStatsSample> commitsBefore = co_await commitStats.read();
        QJsonObject results =
            co_await runFanoutLoad(&fixture, setup.groups, rate, options.durationSeconds);
        Result<CommitStatsSample> commitsAfter = co_await commitStats.read();
        if (Result<QJsonObject> commit = CommitStatsReader::window(commitsBefore, commitsAfter))
            results.insert(QStringLiteral("commit"), *commit);
        else
            addProblem(row, commit.error().message);
        row.insert(QStringLiteral("results"), results);
        const double p99 = results.value(QStringLiteral("latency"))
                               .toObject()
                               .value(QStringLiteral("p99Ms"))
                               .toDouble();
        const double lost = results.value(QStringLiteral("lost")).toDouble();
        const QJsonObject sender = results.value(QStringLiteral("sender")).toObject();
        const double behind = sender.value(QStringLiteral("behind")).toDouble();
        const double errors = sender.value(QStringLiteral("errors")).toDouble();
        const bool sustained = p99 <= 100 && lost == 0 && behind == 0 && errors == 0;
        row.insert(QStringLiteral("sustained"), sustained);
        rows.append(row);
        if (!sustained) {
            stoppedBecause = QStringLiteral("stopped at %1 msg/s: p99 %2 ms, %3 lost, %4 not sent "
                                            "(sender behind), %5 send errors")
                                 .arg(rate)
                                 .arg(p99)
                                 .arg(lost)
                                 .arg(behind)
                                 .arg(errors);
            break;
        }
        best = QJsonObject {{QStringLiteral("messagesPerSecond"), rate},
            {QStringLiteral("deliveriesPerSecond"),
                results.value(QStringLiteral("deliveriesPerSecond"))},
            {QStringLiteral("storedPerSecond"), sender.value(QStringLiteral("storedPerSecond"))},
            {QStringLiteral("p99Ms"), p99}};
    }
    QJsonObject summary = resultRow(QStringLiteral("saturation-summary"), database,
        fanoutParameters(set, 0, options.durationSeconds));
    summary.insert(QStringLiteral("results"),
        QJsonObject {{QStringLiteral("highestSustained"), best},
            {QStringLiteral("stoppedBecause"), stoppedBecause}});
    rows.append(summary);
    co_return rows;
}

} // namespace Confab::Bench
