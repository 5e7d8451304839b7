#pragma once

#include "server/core/stats/latencyhistogram.h"

#include <QJsonObject>

#include <atomic>

namespace Confab::Server {

/// How long storing new messages takes, counted since the server started (GET
/// /api/admin/stats): each group-commit transaction on its database worker, from BEGIN to
/// COMMIT returning, and each message's wait inside the server, from the MessageWriter
/// accepting it to its batch's result being back on the event loop. Shared by the writer and
/// the database jobs it starts (which may outlive it), and safe to use from any thread.
class MessageCommitStats
{
public:
    LatencyHistogram &transactions() { return m_transactions; }
    LatencyHistogram &messages() { return m_messages; }
    void addStored(qint64 count) { m_stored.fetch_add(count, std::memory_order_relaxed); }
    /// Messages created (not counting sends that returned an earlier message or failed).
    qint64 messagesStored() const { return m_stored.load(std::memory_order_relaxed); }

    /// {"transactions": LatencySnapshot, "messages": LatencySnapshot, "messagesStored"}.
    QJsonObject toJson() const;

private:
    LatencyHistogram m_transactions;
    LatencyHistogram m_messages;
    std::atomic<qint64> m_stored {0};
};

} // namespace Confab::Server
