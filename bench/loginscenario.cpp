#include "bench/benchpassword.h"
#include "bench/fanoutload.h"
#include "bench/loginburst.h"
#include "bench/scenarios.h"

#include <QCoroSignal>

namespace Confab::Bench {

namespace {
constexpr int kLoginConnections = 8;
} // namespace

QCoro::Task<QJsonArray> runLoginScenario(BenchOptions options, QString database)
{
    const GroupSet set = options.loginChatSet;
    const int burst = qMin(options.loginBurst, set.groups * set.members);
    QJsonObject parameters;
    parameters.insert(QStringLiteral("signIns"), burst);
    parameters.insert(QStringLiteral("groups"), set.groups);
    parameters.insert(QStringLiteral("members"), set.members);
    parameters.insert(QStringLiteral("messagesPerSecond"), set.rate);
    parameters.insert(QStringLiteral("seconds"), options.durationSeconds);
    QJsonObject row = resultRow(QStringLiteral("logins"), database, parameters);
    QJsonArray rows;

    ScenarioFixture fixture(options, database);
    FanoutSetup setup = co_await prepareFanout(&fixture, set);
    if (!setup.error.isEmpty()) {
        addProblem(row, setup.error);
        rows.append(row);
        co_return rows;
    }
    // The same chat load twice: alone, then while the sign-ins run.
    QJsonObject before =
        co_await runFanoutLoad(&fixture, setup.groups, set.rate, options.durationSeconds);
    LoginBurst logins(fixture.server().port(), kLoginConnections);
    QStringList usernames;
    for (int i = 1; i <= burst; ++i)
        usernames.append(QStringLiteral("f%1").arg(i));
    logins.start(usernames, QLatin1String(kBenchPassword));
    QJsonObject during =
        co_await runFanoutLoad(&fixture, setup.groups, set.rate, options.durationSeconds);
    if (!logins.isFinished()) {
        auto done = qCoro(&logins, &LoginBurst::finished);
        co_await done;
    }
    QJsonObject signIns = logins.summary();
    QJsonObject results;
    results.insert(QStringLiteral("signIns"), signIns);
    results.insert(QStringLiteral("chatBefore"), before);
    results.insert(QStringLiteral("chatDuring"), during);
    row.insert(QStringLiteral("results"), results);
    row.insert(QStringLiteral("resources"), during.value(QStringLiteral("resources")));
    if (signIns.value(QStringLiteral("failed")).toInt() > 0) {
        addProblem(row,
            QStringLiteral("%1 sign-ins failed, first: %2")
                .arg(signIns.value(QStringLiteral("failed")).toInt())
                .arg(signIns.value(QStringLiteral("firstError")).toString()));
    }
    if (before.value(QStringLiteral("lost")).toDouble() > 0
        || during.value(QStringLiteral("lost")).toDouble() > 0)
        addProblem(row, QStringLiteral("chat messages lost"));
    rows.append(row);
    co_return rows;
}

} // namespace Confab::Bench
