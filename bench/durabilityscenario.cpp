#include "bench/benchpassword.h"
#include "bench/commitstatsreader.h"
#include "bench/messagesender.h"
#include "bench/monotonicclock.h"
#include "bench/scenariofixture.h"
#include "bench/scenarios.h"

#include <QCoroSignal>
#include <QCoroTimer>

#include <cmath>

namespace Confab::Bench {

namespace {
constexpr int kGroups = 10;
constexpr int kMembers = 5;
} // namespace

QCoro::Task<QJsonArray> runDurabilityScenario(BenchOptions options, QString database)
{
    const double seconds = options.durationSeconds;
    QJsonObject parameters;
    parameters.insert(QStringLiteral("groups"), kGroups);
    parameters.insert(QStringLiteral("members"), kMembers);
    parameters.insert(QStringLiteral("messagesPerSecond"), options.durabilityRate);
    parameters.insert(QStringLiteral("secondsBeforeKill"), seconds);
    QJsonObject row = resultRow(QStringLiteral("durability"), database, parameters);
    QJsonArray rows;

    ScenarioFixture fixture(options, database);
    Result<void> ready = fixture.createDatabase();
    Result<QList<qint64>> users = ready
        ? fixture.database().addUsers(kGroups * kMembers, QStringLiteral("d"), benchPasswordHash())
        : Result<QList<qint64>>(ready.error());
    QList<SenderGroup> groups;
    if (!users)
        ready = users.error();
    for (int g = 0; ready && g < kGroups; ++g) {
        const QList<qint64> members = users->mid(g * kMembers, kMembers);
        Result<qint64> group = fixture.database().addGroup(QStringLiteral("Durable"), members);
        if (!group) {
            ready = group.error();
            break;
        }
        SenderGroup senderGroup;
        senderGroup.conversationId = *group;
        for (qint64 member : members)
            senderGroup.memberTokens.append(fixture.tokenFor(member));
        groups.append(senderGroup);
    }
    if (ready)
        ready = fixture.startServer();
    if (!ready) {
        addProblem(row, ready.error().message);
        rows.append(row);
        co_return rows;
    }

    // Send as fast as asked; after `seconds` the server is killed with SIGKILL while requests
    // are still in flight. Every message it acknowledged (201) must be in the database.
    // The server's own commit measurements over the same window as the sender's POSTs.
    CommitStatsReader commitStats(fixture.server().port(), fixture.adminToken());
    Result<CommitStatsSample> commitsBefore = co_await commitStats.read();
    fixture.beginMeasurement();
    MessageSender sender(fixture.server().port(), groups, options.senderConnections);
    sender.keepStoredIds();
    sender.start(options.durabilityRate, seconds * 2);
    co_await QCoro::sleepFor(std::chrono::milliseconds(qint64(seconds * 1000)));
    QJsonObject resources = fixture.measurement();
    Result<CommitStatsSample> commitsAfter = co_await commitStats.read();
    const qint64 storedBeforeKill = sender.storedIds().size();
    const double secondsBeforeKill = double(monotonicNs() - sender.firstSendNs()) / 1e9;
    fixture.server().crash();
    if (!sender.isFinished()) {
        auto done = qCoro(&sender, &MessageSender::finished);
        co_await done;
    }
    const QList<qint64> acknowledged = sender.storedIds();
    Result<QSet<qint64>> found = fixture.database().storedMessageIds(acknowledged);
    if (!found) {
        addProblem(row, found.error().message);
        rows.append(row);
        co_return rows;
    }
    const qint64 missing = qint64(acknowledged.size()) - qint64(found->size());
    QJsonObject results;
    results.insert(QStringLiteral("acknowledged"), double(acknowledged.size()));
    results.insert(QStringLiteral("foundAfterCrash"), double(found->size()));
    results.insert(QStringLiteral("missing"), double(missing));
    results.insert(QStringLiteral("storedPerSecond"),
        std::round(double(storedBeforeKill) / secondsBeforeKill));
    results.insert(QStringLiteral("sender"), sender.summary());
    if (Result<QJsonObject> commit = CommitStatsReader::window(commitsBefore, commitsAfter))
        results.insert(QStringLiteral("commit"), *commit);
    else
        addProblem(row, commit.error().message);
    row.insert(QStringLiteral("results"), results);
    row.insert(QStringLiteral("resources"), resources);
    if (missing != 0)
        addProblem(
            row, QStringLiteral("%1 acknowledged messages missing after the crash").arg(missing));
    if (acknowledged.isEmpty())
        addProblem(row, QStringLiteral("no message was acknowledged before the crash"));
    rows.append(row);
    co_return rows;
}

} // namespace Confab::Bench
