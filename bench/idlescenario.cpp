#include "bench/benchpassword.h"
#include "bench/scenariofixture.h"
#include "bench/scenarios.h"

#include <QJsonArray>

#include <cmath>

#include <sys/resource.h>

namespace Confab::Bench {

namespace {

QCoro::Task<QJsonObject> runIdleStep(BenchOptions options, QString database, int connections)
{
    QJsonObject parameters;
    parameters.insert(QStringLiteral("connections"), connections);
    parameters.insert(QStringLiteral("usersPerWorker"), options.usersPerWorker);
    QJsonObject row = resultRow(QStringLiteral("idle"), database, parameters);

    // Every connection is a file descriptor in the server (and in a worker); the server
    // inherits this process's limit, which only a privileged process can raise.
    rlimit files {};
    getrlimit(RLIMIT_NOFILE, &files);
    if (rlim_t(connections) + 200 > files.rlim_cur) {
        row.insert(QStringLiteral("skipped"),
            QStringLiteral(
                "needs %1 file descriptors in the server; the limit here is %2 (ulimit -n)")
                .arg(connections + 200)
                .arg(qint64(files.rlim_cur)));
        co_return row;
    }
    ScenarioFixture fixture(options, database);
    Result<void> created = fixture.createDatabase();
    if (!created) {
        addProblem(row, created.error().message);
        co_return row;
    }
    Result<QList<qint64>> users =
        fixture.database().addUsers(connections, QStringLiteral("i"), benchPasswordHash());
    if (!users) {
        addProblem(row, users.error().message);
        co_return row;
    }
    Result<void> started = fixture.startServer();
    if (!started) {
        addProblem(row, started.error().message);
        co_return row;
    }
    co_await fixture.waitForServerIdle(10000);
    const ProcessSample before = fixture.server().sample();
    fixture.beginMeasurement();
    QJsonObject connected = co_await fixture.connectUsers(*users);
    QJsonObject resources = fixture.measurement();
    co_await fixture.waitForServerIdle(30000);
    const ProcessSample after = fixture.server().sample();

    const int count = connected.value(QStringLiteral("connected")).toInt();
    const double elapsedMs = connected.value(QStringLiteral("elapsedMs")).toDouble();
    QJsonObject results;
    results.insert(QStringLiteral("connected"), count);
    results.insert(QStringLiteral("failed"), connected.value(QStringLiteral("failed")));
    results.insert(QStringLiteral("acceptSeconds"), std::round(elapsedMs) / 1000);
    results.insert(QStringLiteral("acceptedPerSecond"),
        elapsedMs > 0 ? std::round(count / (elapsedMs / 1000)) : 0.0);
    results.insert(QStringLiteral("serverRssBeforeKb"), double(before.rssKb));
    results.insert(QStringLiteral("serverRssAfterKb"), double(after.rssKb));
    results.insert(QStringLiteral("rssPerConnectionKb"),
        count > 0 ? std::round(10.0 * double(after.rssKb - before.rssKb) / count) / 10 : 0.0);
    results.insert(QStringLiteral("errors"), connected.value(QStringLiteral("errors")));
    results.insert(QStringLiteral("workers"), connected.value(QStringLiteral("workers")));
    row.insert(QStringLiteral("results"), results);
    row.insert(QStringLiteral("resources"), resources);
    if (connected.contains(QStringLiteral("error")))
        addProblem(row, connected.value(QStringLiteral("error")).toString());
    if (count != connections)
        addProblem(row, QStringLiteral("%1 of %2 connections came up").arg(count).arg(connections));
    co_return row;
}

} // namespace

QCoro::Task<QJsonArray> runIdleScenario(BenchOptions options, QString database)
{
    QJsonArray rows;
    for (int connections : std::as_const(options.idleSteps)) {
        QJsonObject row = co_await runIdleStep(options, database, connections);
        rows.append(row);
    }
    co_return rows;
}

} // namespace Confab::Bench
