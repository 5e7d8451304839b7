#pragma once

#include "bench/benchdatabase.h"
#include "bench/benchoptions.h"
#include "bench/latencyhistogram.h"
#include "bench/processstats.h"
#include "bench/serverprocess.h"
#include "bench/workerprocess.h"

#include <QCoroTask>
#include <QHash>
#include <QJsonObject>

#include <memory>
#include <vector>

namespace Confab::Bench {

/// What every scenario needs, in the order it needs it: a seeded database, the server over it,
/// access tokens, and load workers holding WebSockets. Also the CPU bookkeeping of both sides.
class ScenarioFixture
{
public:
    ScenarioFixture(const BenchOptions &options, QString databaseKind);
    ~ScenarioFixture();

    Result<void> createDatabase();
    BenchDatabase &database() { return *m_database; }
    /// Closes the seeding connection and starts confab-server over the database.
    Result<void> startServer();
    ServerProcess &server() { return m_server; }
    /// Mints an access token per user with the server's secret.
    QByteArray tokenFor(qint64 userId);
    /// An access token of the server's administrator, whom startServer() adds to the database:
    /// for reading the server's own measurements (GET /api/admin/stats).
    QByteArray adminToken() { return tokenFor(m_adminId); }

    /// Starts worker processes for these users and opens one WebSocket each; the answer has
    /// connected, failed, elapsedMs (until the last READY) and the first errors.
    QCoro::Task<QJsonObject> connectUsers(QList<qint64> userIds);
    /// Sends a command to every worker and waits for each one's answer `event`.
    QCoro::Task<QList<QJsonObject>> askWorkers(QByteArray command, QString event, int timeoutMs);
    /// Deliveries seen by all workers together.
    struct Deliveries
    {
        qint64 received = 0;
        qint64 lastDeliveryNs = 0;
        int closedAfterReady = 0;
        LatencyHistogram latency;
    };
    QCoro::Task<Deliveries> collectDeliveries();
    void stopWorkers();
    /// Waits until the server has used under 5 % of a core for half a second (work such as
    /// presence announcements after many connects is done), at most `maxMs`.
    QCoro::Task<> waitForServerIdle(int maxMs);

    /// CPU seconds of the load generator so far: this process and every worker.
    double generatorCpuSeconds() const;
    /// Marks the start of a measured phase; measurement() reports from there.
    void beginMeasurement();
    /// Server CPU and RSS, generator CPU, over the phase begun by beginMeasurement().
    QJsonObject measurement() const;

    QString databaseKind() const { return m_kind; }
    const BenchOptions &options() const { return m_options; }

private:
    const BenchOptions &m_options;
    QString m_kind;
    std::unique_ptr<BenchDatabase> m_database;
    ServerProcess m_server;
    QByteArray m_secret;
    qint64 m_adminId = 0;
    QString m_secretFile;
    std::vector<std::unique_ptr<WorkerProcess>> m_workers;
    double m_finishedWorkerCpu = 0;
    qint64 m_measureStartNs = 0;
    double m_measureServerCpu = 0;
    double m_measureGeneratorCpu = 0;
};

} // namespace Confab::Bench
