#pragma once

#include "server/core/storage/storedtypes.h"

#include "common/result.h"

#include <QCoroTask>
#include <QFuture>
#include <QObject>

#include <deque>
#include <memory>
#include <vector>

namespace Confab::Server {

class Database;
class MessageCommitStats;
class PendingSend;

/// Group commit for new messages. Sends that arrive while a batch is being written wait in a
/// queue and go into the next batch, which one database job writes in ONE transaction
/// (MessageBatch). One batch is in flight at a time: an idle writer starts a lone message at
/// once, and batches grow only as sends queue up behind a commit. Every sender is answered
/// after the COMMIT that stored its message returned, so nothing is acknowledged before it is
/// durable. Lives on the event loop's thread.
class MessageWriter : public QObject
{
    Q_OBJECT
public:
    /// The most messages one transaction holds.
    static constexpr int kMaxBatchSize = 256;

    explicit MessageWriter(Database &database, QObject *parent = nullptr);
    ~MessageWriter() override;

    /// Queues `message`. The future finishes once its batch has committed: with the stored
    /// message (created, or the first one for a reused clientMessageId) or with its error.
    QFuture<Result<SendOutcome>> send(NewMessage message);
    /// Answers the sends still queued with an error and accepts no more; the batch already
    /// being written still finishes. Called before the database closes.
    void close();

    /// Sends waiting for the next batch (not counting the one being written).
    int queuedCount() const { return int(m_queue.size()); }
    /// Whether a batch is being written now.
    bool isWriting() const { return m_writing; }
    qint64 batchesWritten() const { return m_batches; }
    int largestBatch() const { return m_largestBatch; }
    /// How long transactions and messages took, since the writer was made.
    const MessageCommitStats &commitStats() const { return *m_stats; }

signals:
    /// A message this writer created, after its commit and before its sender is answered;
    /// emitted in the order of ids.
    void stored(const SendOutcome &outcome);

private:
    void startNextBatch();
    QCoro::Task<> writeBatch(std::vector<std::unique_ptr<PendingSend>> batch);

    Database &m_database;
    // Shared with the batch jobs, which may finish after the writer is gone.
    std::shared_ptr<MessageCommitStats> m_stats;
    std::deque<std::unique_ptr<PendingSend>> m_queue;
    bool m_writing = false;
    bool m_closed = false;
    qint64 m_batches = 0;
    int m_largestBatch = 0;
};

} // namespace Confab::Server
