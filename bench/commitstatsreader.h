#pragma once

#include "bench/benchhttpconnection.h"

#include "server/core/stats/latencysnapshot.h"

#include "common/result.h"

#include <QCoroTask>
#include <QJsonObject>

namespace Confab::Bench {

/// What the server had measured of its message commits at one moment (cumulative since it
/// started): each group-commit transaction and each message's wait inside the server.
struct CommitStatsSample
{
    Server::LatencySnapshot transactions;
    Server::LatencySnapshot messages;
    qint64 messagesStored = 0;
};

/// Reads the server's own commit measurements (GET /api/admin/stats, as its administrator)
/// before and after a measured window; the difference is the window's commit latencies, which
/// the generator's POST latency only bounds from above.
class CommitStatsReader
{
public:
    CommitStatsReader(quint16 port, QByteArray adminToken);

    QCoro::Task<Result<CommitStatsSample>> read();

    /// The window between two samples: {"transactions": {count, p50Ms, p95Ms, p99Ms, maxMs,
    /// meanMs}, "messages": {...}, "messagesStored", "messagesPerTransaction"}.
    static QJsonObject window(const CommitStatsSample &before, const CommitStatsSample &after);
    /// The same from two reads, either of which may have failed.
    static Result<QJsonObject> window(
        const Result<CommitStatsSample> &before, const Result<CommitStatsSample> &after);
    /// Parses the body of GET /api/admin/stats.
    static Result<CommitStatsSample> parse(int status, const QByteArray &body);

private:
    BenchHttpConnection m_connection;
    QByteArray m_token;
};

} // namespace Confab::Bench
