#include "bench/commitstatsreader.h"

#include <QCoroSignal>
#include <QJsonDocument>
#include <QPointer>

#include <cmath>

namespace Confab::Bench {

namespace {

double millis(qint64 micros)
{
    return double(micros) / 1000.0;
}

QJsonObject summary(const Server::LatencySnapshot &latencies)
{
    const qint64 count = latencies.count();
    return QJsonObject {{QStringLiteral("count"), double(count)},
        {QStringLiteral("p50Ms"), millis(latencies.percentileMicros(0.50))},
        {QStringLiteral("p95Ms"), millis(latencies.percentileMicros(0.95))},
        {QStringLiteral("p99Ms"), millis(latencies.percentileMicros(0.99))},
        {QStringLiteral("maxMs"), millis(latencies.maxMicros())},
        {QStringLiteral("meanMs"),
            count > 0 ? std::round(double(latencies.totalMicros()) / double(count)) / 1000.0
                      : 0.0}};
}

} // namespace

CommitStatsReader::CommitStatsReader(quint16 port, QByteArray adminToken)
    : m_connection(QHostAddress::LocalHost, port)
    , m_token(std::move(adminToken))
{ }

QCoro::Task<Result<CommitStatsSample>> CommitStatsReader::read()
{
    QPointer<BenchHttpReply> reply = m_connection.send("GET", "/api/admin/stats", m_token);
    if (!reply->isFinished()) {
        auto finished = qCoro(reply.data(), &BenchHttpReply::finished);
        co_await finished;
    }
    // The reply belongs to the connection: it is gone if the reader went first.
    Result<CommitStatsSample> sample = reply
        ? parse(reply->status(), reply->body())
        : Result<CommitStatsSample>(internalError(QStringLiteral("the stats reader went away")));
    if (!reply)
        co_return sample;
    reply->deleteLater();
    co_return sample;
}

Result<CommitStatsSample> CommitStatsReader::parse(int status, const QByteArray &body)
{
    if (status != 200) {
        return internalError(QStringLiteral("GET /api/admin/stats answered %1: %2")
                                 .arg(status)
                                 .arg(QString::fromUtf8(body.left(200))));
    }
    const QJsonObject commits =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("messageCommits")).toObject();
    Result<Server::LatencySnapshot> transactions =
        Server::LatencySnapshot::fromJson(commits.value(QStringLiteral("transactions")).toObject());
    Result<Server::LatencySnapshot> messages =
        Server::LatencySnapshot::fromJson(commits.value(QStringLiteral("messages")).toObject());
    if (!transactions)
        return transactions.error();
    if (!messages)
        return messages.error();
    CommitStatsSample sample;
    sample.transactions = *transactions;
    sample.messages = *messages;
    sample.messagesStored = commits.value(QStringLiteral("messagesStored")).toInteger();
    return sample;
}

QJsonObject CommitStatsReader::window(
    const CommitStatsSample &before, const CommitStatsSample &after)
{
    const Server::LatencySnapshot transactions = after.transactions.since(before.transactions);
    const Server::LatencySnapshot messages = after.messages.since(before.messages);
    const qint64 stored = after.messagesStored - before.messagesStored;
    return QJsonObject {{QStringLiteral("transactions"), summary(transactions)},
        {QStringLiteral("messages"), summary(messages)},
        {QStringLiteral("messagesStored"), double(stored)},
        {QStringLiteral("messagesPerTransaction"),
            transactions.count() > 0
                ? std::round(100.0 * double(messages.count()) / double(transactions.count()))
                    / 100.0
                : 0.0}};
}

Result<QJsonObject> CommitStatsReader::window(
    const Result<CommitStatsSample> &before, const Result<CommitStatsSample> &after)
{
    if (!before || !after) {
        return internalError(QStringLiteral("commit latencies not read: %1")
                                 .arg((before ? after : before).error().message));
    }
    return window(*before, *after);
}

} // namespace Confab::Bench
