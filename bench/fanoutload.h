#pragma once

#include "bench/benchoptions.h"
#include "bench/messagesender.h"
#include "bench/scenariofixture.h"

#include <QCoroTask>
#include <QJsonObject>

namespace Confab::Bench {

/// Groups seeded for fan-out and every member connected.
struct FanoutSetup
{
    QString error;
    QList<SenderGroup> groups;
    QJsonObject connect;
};

/// Seeds `set` (users, groups), starts the server, connects every member and waits until the
/// server has finished announcing them to each other.
QCoro::Task<FanoutSetup> prepareFanout(ScenarioFixture *fixture, GroupSet set);

/// Sends at `rate` messages per second for `seconds`, waits for the deliveries to drain and
/// reports latency, losses, deliveries per second, stored messages per second and resources.
QCoro::Task<QJsonObject> runFanoutLoad(
    ScenarioFixture *fixture, QList<SenderGroup> groups, double rate, double seconds);

} // namespace Confab::Bench
