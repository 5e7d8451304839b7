#include "bench/scenariofixture.h"

#include "bench/benchpassword.h"
#include "bench/monotonicclock.h"

#include "server/core/auth/tokenservice.h"

#include <QCoroTimer>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QRandomGenerator>

#include <cmath>

namespace Confab::Bench {

namespace {
constexpr int kMaxConnections = 1'000'000;
}

ScenarioFixture::ScenarioFixture(const BenchOptions &options, QString databaseKind)
    : m_options(options)
    , m_kind(std::move(databaseKind))
{
    quint32 random[16];
    QRandomGenerator::global()->fillRange(random);
    m_secret = QByteArray(reinterpret_cast<const char *>(random), sizeof random).toHex();
}

ScenarioFixture::~ScenarioFixture()
{
    stopWorkers();
    m_server.stop();
    if (!m_secretFile.isEmpty())
        QFile::remove(m_secretFile);
}

Result<void> ScenarioFixture::createDatabase()
{
    Result<std::unique_ptr<BenchDatabase>> database =
        BenchDatabase::create(m_kind, m_options.postgresUrl, m_options.workDirectory);
    if (!database)
        return database.error();
    m_database = std::move(*database);
    return {};
}

Result<void> ScenarioFixture::startServer()
{
    Result<qint64> admin =
        m_database->addAdministrator(QStringLiteral("benchadmin"), benchPasswordHash());
    if (!admin)
        return admin.error();
    m_adminId = *admin;
    m_database->close();
    static int counter = 0;
    m_secretFile =
        QDir(m_options.workDirectory).filePath(QStringLiteral("jwt-secret-%1").arg(++counter));
    QFile file(m_secretFile);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_secret) != m_secret.size())
        return internalError(QStringLiteral("cannot write %1").arg(m_secretFile));
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    const QString log =
        QDir(m_options.workDirectory).filePath(QStringLiteral("server-%1.log").arg(counter));
    QString error;
    if (!m_server.start(m_options.serverBinary, m_database->url(), m_secretFile, kMaxConnections,
            log, m_options.serverEnvironment, &error))
        return internalError(error);
    return {};
}

QByteArray ScenarioFixture::tokenFor(qint64 userId)
{
    // Long enough for any run; the server checks only the signature and the expiry.
    const Server::TokenService tokens(m_secret, std::chrono::hours(12));
    return tokens.issue(userId, QDateTime::currentDateTimeUtc()).toLatin1();
}

QCoro::Task<QJsonObject> ScenarioFixture::connectUsers(QList<qint64> userIds)
{
    static int counter = 0;
    const QString tokenPath =
        QDir(m_options.workDirectory).filePath(QStringLiteral("tokens-%1.txt").arg(++counter));
    {
        QFile file(tokenPath);
        if (!file.open(QIODevice::WriteOnly))
            co_return QJsonObject {
                {QStringLiteral("error"), QStringLiteral("cannot write tokens")}};
        const Server::TokenService tokens(m_secret, std::chrono::hours(12));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (qint64 id : std::as_const(userIds))
            file.write(QByteArray::number(id) + ' ' + tokens.issue(id, now).toLatin1() + '\n');
    }
    const int perWorker = m_options.usersPerWorker;
    const int workerCount = int(std::ceil(double(userIds.size()) / perWorker));
    const size_t firstNew = m_workers.size();
    for (int w = 0; w < workerCount; ++w) {
        // Each worker has its own loopback source address, so that no address runs out of
        // its ~28,000 ephemeral ports.
        const int index = int(m_workers.size());
        const QString source = QStringLiteral("127.0.0.%1").arg(2 + index % 250);
        auto worker = std::make_unique<WorkerProcess>();
        const int first = w * perWorker;
        const int count = qMin(perWorker, int(userIds.size()) - first);
        if (!worker->start(m_options.selfBinary,
                {QStringLiteral("127.0.0.1"), QString::number(m_server.port()), source, tokenPath,
                    QString::number(first), QString::number(count)}))
            co_return QJsonObject {
                {QStringLiteral("error"), QStringLiteral("cannot start a worker")}};
        m_workers.push_back(std::move(worker));
    }
    QJsonObject total;
    int connected = 0;
    int failed = 0;
    double elapsedMs = 0;
    QJsonArray errors;
    for (size_t i = firstNew; i < m_workers.size(); ++i) {
        QJsonObject started = co_await m_workers[i]->next(QStringLiteral("started"), 30000);
        if (started.isEmpty())
            co_return QJsonObject {
                {QStringLiteral("error"), QStringLiteral("a worker did not start")}};
    }
    const qint64 startNs = monotonicNs();
    for (size_t i = firstNew; i < m_workers.size(); ++i)
        m_workers[i]->command("open");
    for (size_t i = firstNew; i < m_workers.size(); ++i) {
        QJsonObject ready = co_await m_workers[i]->next(QStringLiteral("ready"), 600000);
        if (ready.isEmpty()) {
            errors.append(QStringLiteral("a worker did not finish connecting"));
            continue;
        }
        connected += ready.value(QStringLiteral("connected")).toInt();
        failed += ready.value(QStringLiteral("failed")).toInt();
        for (const QJsonValue &error : ready.value(QStringLiteral("errors")).toArray()) {
            if (errors.size() < 5)
                errors.append(error);
        }
    }
    elapsedMs = double(monotonicNs() - startNs) / 1e6;
    total.insert(QStringLiteral("connected"), connected);
    total.insert(QStringLiteral("failed"), failed);
    total.insert(QStringLiteral("elapsedMs"), std::round(elapsedMs * 10) / 10);
    total.insert(QStringLiteral("errors"), errors);
    total.insert(QStringLiteral("workers"), workerCount);
    co_return total;
}

QCoro::Task<QList<QJsonObject>> ScenarioFixture::askWorkers(
    QByteArray command, QString event, int timeoutMs)
{
    for (const auto &worker : m_workers)
        worker->command(command);
    QList<QJsonObject> answers;
    for (const auto &worker : m_workers) {
        QJsonObject answer = co_await worker->next(event, timeoutMs);
        answers.append(answer);
    }
    co_return answers;
}

QCoro::Task<ScenarioFixture::Deliveries> ScenarioFixture::collectDeliveries()
{
    QList<QJsonObject> answers = co_await askWorkers("stats", QStringLiteral("stats"), 30000);
    Deliveries deliveries;
    for (const QJsonObject &answer : std::as_const(answers)) {
        deliveries.received += qint64(answer.value(QStringLiteral("received")).toDouble());
        deliveries.lastDeliveryNs = qMax(deliveries.lastDeliveryNs,
            answer.value(QStringLiteral("lastDeliveryNs")).toString().toLongLong());
        deliveries.closedAfterReady += answer.value(QStringLiteral("closedAfterReady")).toInt();
        deliveries.latency.merge(
            LatencyHistogram::fromJson(answer.value(QStringLiteral("latency")).toObject()));
    }
    co_return deliveries;
}

void ScenarioFixture::stopWorkers()
{
    for (const auto &worker : m_workers) {
        m_finishedWorkerCpu += sampleProcess(worker->pid()).cpuSeconds;
        worker->stop();
    }
    m_workers.clear();
}

QCoro::Task<> ScenarioFixture::waitForServerIdle(int maxMs)
{
    const qint64 deadline = monotonicNs() + qint64(maxMs) * 1'000'000;
    double before = m_server.sample().cpuSeconds;
    while (monotonicNs() < deadline) {
        co_await QCoro::sleepFor(std::chrono::milliseconds(500));
        const double now = m_server.sample().cpuSeconds;
        if (now - before < 0.025)
            co_return;
        before = now;
    }
}

double ScenarioFixture::generatorCpuSeconds() const
{
    double total = sampleProcess(0).cpuSeconds + m_finishedWorkerCpu;
    for (const auto &worker : m_workers)
        total += sampleProcess(worker->pid()).cpuSeconds;
    return total;
}

void ScenarioFixture::beginMeasurement()
{
    m_measureStartNs = monotonicNs();
    m_measureServerCpu = m_server.sample().cpuSeconds;
    m_measureGeneratorCpu = generatorCpuSeconds();
}

QJsonObject ScenarioFixture::measurement() const
{
    const double wall = double(monotonicNs() - m_measureStartNs) / 1e9;
    const ProcessSample server = m_server.sample();
    const double serverCpu = server.cpuSeconds - m_measureServerCpu;
    const double generatorCpu = generatorCpuSeconds() - m_measureGeneratorCpu;
    auto round2 = [](double v) { return std::round(v * 100) / 100; };
    return QJsonObject {{QStringLiteral("wallSeconds"), round2(wall)},
        {QStringLiteral("serverCpuSeconds"), round2(serverCpu)},
        {QStringLiteral("serverCpuPercent"), round2(wall > 0 ? 100 * serverCpu / wall : 0)},
        {QStringLiteral("serverRssKb"), double(server.rssKb)},
        {QStringLiteral("generatorCpuSeconds"), round2(generatorCpu)},
        {QStringLiteral("generatorCpuPercent"), round2(wall > 0 ? 100 * generatorCpu / wall : 0)}};
}

} // namespace Confab::Bench
