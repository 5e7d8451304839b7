#include "bench/fanoutload.h"

#include "bench/benchpassword.h"
#include "bench/monotonicclock.h"

#include <QCoroSignal>
#include <QCoroTimer>

#include <cmath>

namespace Confab::Bench {

namespace {

void fillSetup(FanoutSetup &setup, const QList<qint64> &conversationIds,
    const QList<qint64> &userIds, int members, ScenarioFixture *fixture)
{
    for (int g = 0; g < conversationIds.size(); ++g) {
        SenderGroup group;
        group.conversationId = conversationIds[g];
        for (int m = 0; m < members; ++m)
            group.memberTokens.append(fixture->tokenFor(userIds[g * members + m]));
        setup.groups.append(group);
    }
}

} // namespace

QCoro::Task<FanoutSetup> prepareFanout(ScenarioFixture *fixture, GroupSet set)
{
    FanoutSetup setup;
    Result<void> created = fixture->createDatabase();
    if (!created) {
        setup.error = created.error().message;
        co_return setup;
    }
    Result<QList<qint64>> users = fixture->database().addUsers(
        set.groups * set.members, QStringLiteral("f"), benchPasswordHash());
    if (!users) {
        setup.error = users.error().message;
        co_return setup;
    }
    QList<qint64> conversationIds;
    for (int g = 0; g < set.groups; ++g) {
        Result<qint64> group = fixture->database().addGroup(
            QStringLiteral("Bench group %1").arg(g + 1), users->mid(g * set.members, set.members));
        if (!group) {
            setup.error = group.error().message;
            co_return setup;
        }
        conversationIds.append(*group);
    }
    Result<void> started = fixture->startServer();
    if (!started) {
        setup.error = started.error().message;
        co_return setup;
    }
    fillSetup(setup, conversationIds, *users, set.members, fixture);
    const qint64 connectStartNs = monotonicNs();
    QJsonObject connected = co_await fixture->connectUsers(*users);
    setup.connect = connected;
    if (connected.contains(QStringLiteral("error"))) {
        setup.error = connected.value(QStringLiteral("error")).toString();
        co_return setup;
    }
    // Each member coming online is announced to every other member already online (PRESENCE),
    // so a big group's connect costs the server work long after the last READY; how long is
    // a result of its own.
    co_await fixture->waitForServerIdle(300000);
    setup.connect.insert(QStringLiteral("secondsUntilServerIdle"),
        std::round(double(monotonicNs() - connectStartNs) / 1e7) / 100);
    co_return setup;
}

QCoro::Task<QJsonObject> runFanoutLoad(
    ScenarioFixture *fixture, QList<SenderGroup> groups, double rate, double seconds)
{
    QList<QJsonObject> resets =
        co_await fixture->askWorkers("reset", QStringLiteral("reset"), 30000);
    Q_UNUSED(resets)
    fixture->beginMeasurement();
    MessageSender sender(fixture->server().port(), groups, fixture->options().senderConnections);
    sender.start(rate, seconds);
    if (!sender.isFinished()) {
        auto done = qCoro(&sender, &MessageSender::finished);
        co_await done;
    }
    qint64 expected = 0;
    for (int g = 0; g < groups.size(); ++g)
        expected += sender.acceptedPerGroup()[g] * groups[g].memberTokens.size();

    // Deliveries still on their way are waited for, up to 10 s without progress.
    ScenarioFixture::Deliveries deliveries = co_await fixture->collectDeliveries();
    qint64 lastProgressNs = monotonicNs();
    while (deliveries.received < expected && monotonicNs() - lastProgressNs < 10'000'000'000) {
        co_await QCoro::sleepFor(std::chrono::milliseconds(250));
        const qint64 before = deliveries.received;
        deliveries = co_await fixture->collectDeliveries();
        if (deliveries.received > before)
            lastProgressNs = monotonicNs();
    }
    QJsonObject resources = fixture->measurement();

    const double spanSeconds = deliveries.lastDeliveryNs > sender.firstSendNs()
        ? double(deliveries.lastDeliveryNs - sender.firstSendNs()) / 1e9
        : 0;
    QJsonObject result;
    result.insert(QStringLiteral("sender"), sender.summary());
    result.insert(QStringLiteral("expectedDeliveries"), double(expected));
    result.insert(QStringLiteral("deliveries"), double(deliveries.received));
    result.insert(QStringLiteral("lost"), double(qMax<qint64>(0, expected - deliveries.received)));
    result.insert(
        QStringLiteral("unexpected"), double(qMax<qint64>(0, deliveries.received - expected)));
    result.insert(QStringLiteral("connectionsDropped"), deliveries.closedAfterReady);
    result.insert(QStringLiteral("deliveriesPerSecond"),
        spanSeconds > 0 ? std::round(double(deliveries.received) / spanSeconds) : 0.0);
    result.insert(QStringLiteral("latency"), deliveries.latency.summaryMs());
    result.insert(QStringLiteral("resources"), resources);
    co_return result;
}

} // namespace Confab::Bench
