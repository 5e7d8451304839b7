#pragma once

#include "bench/benchoptions.h"

#include <QCoroTask>
#include <QJsonArray>

namespace Confab::Bench {

// Each scenario runs on one database kind ("sqlite" or "postgres") against its own fresh
// confab-server process and returns one result row per step: {scenario, database, parameters,
// results, problems}. `problems` lists correctness failures (lost messages, failed
// connections, wrong pages); a slow result is not a problem, it is a result.

/// 1. Idle authenticated WebSockets: server RSS per connection and time to accept them.
QCoro::Task<QJsonArray> runIdleScenario(BenchOptions options, QString database);
/// 2. Group fan-out at a fixed rate: send-to-delivery latency, losses, deliveries per second.
QCoro::Task<QJsonArray> runFanoutScenario(BenchOptions options, QString database);
/// 3. Saturation: the fan-out rate stepped up until p99 passes 100 ms or anything is lost.
QCoro::Task<QJsonArray> runSaturationScenario(BenchOptions options, QString database);
/// 4. History: pages of 50 at the newest end, the middle and the oldest end of a long
/// conversation.
QCoro::Task<QJsonArray> runHistoryScenario(BenchOptions options, QString database);
/// 5. Reconnect storm: every client drops at once, reconnects with its token and catches up.
QCoro::Task<QJsonArray> runReconnectScenario(BenchOptions options, QString database);

/// 6. Sign-ins: a burst of password sign-ins while groups chat at a fixed rate; sign-ins per
/// second and chat latency before and during the burst.
QCoro::Task<QJsonArray> runLoginScenario(BenchOptions options, QString database);

/// Durability: messages as fast as asked, then SIGKILL to the server; every acknowledged
/// message must be stored. Also the stored messages per second before the kill.
QCoro::Task<QJsonArray> runDurabilityScenario(BenchOptions options, QString database);

/// 7. The desktop app: start to a usable conversation list (cold and warm), resident memory
/// idle and after scrolling back through a long conversation, and the time each older page
/// takes from fetchMore to being painted.
QCoro::Task<QJsonArray> runClientScenario(BenchOptions options, QString database);

/// A result row with its identity filled in.
QJsonObject resultRow(
    const QString &scenario, const QString &database, const QJsonObject &parameters);
/// Adds a correctness failure to a row.
void addProblem(QJsonObject &row, const QString &problem);

} // namespace Confab::Bench
