#include "bench/benchpassword.h"
#include "bench/monotonicclock.h"
#include "bench/scenariofixture.h"
#include "bench/scenarios.h"

#include <QJsonArray>

#include <cmath>

namespace Confab::Bench {

namespace {
constexpr int kGroupSize = 50;
constexpr int kMessagesPerGroup = 10;
} // namespace

QCoro::Task<QJsonArray> runReconnectScenario(BenchOptions options, QString database)
{
    const int clients = options.reconnectClients;
    QJsonObject parameters;
    parameters.insert(QStringLiteral("clients"), clients);
    parameters.insert(QStringLiteral("groupSize"), kGroupSize);
    parameters.insert(
        QStringLiteral("catchUp"), QStringLiteral("GET /api/conversations after READY"));
    QJsonObject row = resultRow(QStringLiteral("reconnect"), database, parameters);
    QJsonArray rows;

    ScenarioFixture fixture(options, database);
    Result<void> ready = fixture.createDatabase();
    Result<QList<qint64>> users = ready
        ? fixture.database().addUsers(clients, QStringLiteral("r"), benchPasswordHash())
        : Result<QList<qint64>>(ready.error());
    if (!users)
        ready = users.error();
    // Everyone is in a group with some history, so that catching up has something to read.
    for (int first = 0; ready && first < clients; first += kGroupSize) {
        const QList<qint64> members = users->mid(first, kGroupSize);
        Result<qint64> group = fixture.database().addGroup(QStringLiteral("Reconnect"), members);
        Result<qint64> messages = group ? fixture.database().addMessages(
                                      *group, members.first(), members.last(), kMessagesPerGroup)
                                        : Result<qint64>(group.error());
        if (!messages)
            ready = messages.error();
    }
    if (ready)
        ready = fixture.startServer();
    if (!ready) {
        addProblem(row, ready.error().message);
        rows.append(row);
        co_return rows;
    }
    QJsonObject connected = co_await fixture.connectUsers(*users);
    row.insert(QStringLiteral("connect"), connected);
    co_await fixture.waitForServerIdle(120000);

    fixture.beginMeasurement();
    const qint64 startNs = monotonicNs();
    QList<QJsonObject> answers =
        co_await fixture.askWorkers("reconnect", QStringLiteral("reconnected"), 600000);
    const double seconds = double(monotonicNs() - startNs) / 1e9;
    QJsonObject resources = fixture.measurement();

    int back = 0;
    int failed = 0;
    int caughtUp = 0;
    int catchUpFailed = 0;
    QJsonArray errors;
    for (const QJsonObject &answer : std::as_const(answers)) {
        if (answer.isEmpty()) {
            addProblem(row, QStringLiteral("a worker did not finish reconnecting"));
            continue;
        }
        back += answer.value(QStringLiteral("connected")).toInt();
        failed += answer.value(QStringLiteral("failed")).toInt();
        caughtUp += answer.value(QStringLiteral("caughtUp")).toInt();
        catchUpFailed += answer.value(QStringLiteral("catchUpFailed")).toInt();
        for (const QJsonValue &error : answer.value(QStringLiteral("errors")).toArray()) {
            if (errors.size() < 5)
                errors.append(error);
        }
    }
    QJsonObject results;
    results.insert(QStringLiteral("reconnected"), back);
    results.insert(QStringLiteral("failed"), failed);
    results.insert(QStringLiteral("caughtUp"), caughtUp);
    results.insert(QStringLiteral("catchUpFailed"), catchUpFailed);
    results.insert(QStringLiteral("secondsUntilAllCaughtUp"), std::round(seconds * 1000) / 1000);
    results.insert(QStringLiteral("errors"), errors);
    row.insert(QStringLiteral("results"), results);
    row.insert(QStringLiteral("resources"), resources);
    if (back != clients || caughtUp != clients)
        addProblem(row,
            QStringLiteral("%1 of %2 clients back, %3 caught up")
                .arg(back)
                .arg(clients)
                .arg(caughtUp));
    rows.append(row);
    co_return rows;
}

} // namespace Confab::Bench
