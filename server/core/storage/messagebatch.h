#pragma once

#include "server/core/storage/storedtypes.h"

#include <QList>

namespace Confab::Server {

class LatencyHistogram;
class Storage;

/// Stores several senders' messages in one transaction, so that they share one commit.
/// Each message is checked as if it were sent alone (the sender must be a participant; a
/// clientMessageId the sender already used returns the first message), and a refused one
/// gets its own error without touching the others. Should the transaction itself fail, every
/// message is written again in a transaction of its own, so that one message the database
/// refuses cannot fail or lose the rest. Runs on a database worker.
class MessageBatch
{
public:
    /// Each transaction that commits is timed into `transactionTimes` when one is given.
    explicit MessageBatch(Storage &storage, LatencyHistogram *transactionTimes = nullptr)
        : m_storage(storage)
        , m_transactionTimes(transactionTimes)
    { }

    /// One result per message, in the order given; each is durable once this returns.
    QList<Result<SendOutcome>> write(const QList<NewMessage> &messages);

private:
    Result<QList<Result<SendOutcome>>> writeTogether(const QList<NewMessage> &messages);

    Storage &m_storage;
    LatencyHistogram *m_transactionTimes;
};

} // namespace Confab::Server
