#include "server/core/storage/messagewriter.h"

#include "server/core/stats/messagecommitstats.h"
#include "server/core/storage/database.h"
#include "server/core/storage/messagebatch.h"
#include "server/core/storage/pendingsend.h"

#include <QPointer>

#include <algorithm>

namespace Confab::Server {

namespace {

// Each send's wait from being accepted until now, when its batch's result is back on the event
// loop, and how many messages the batch created.
void recordWaits(MessageCommitStats &stats, const std::vector<std::unique_ptr<PendingSend>> &batch,
    const Result<QList<Result<SendOutcome>>> &written)
{
    const auto now = std::chrono::steady_clock::now();
    for (const std::unique_ptr<PendingSend> &pending : batch) {
        stats.messages().add(
            std::chrono::duration_cast<std::chrono::microseconds>(now - pending->acceptedAt()));
    }
    if (!written)
        return;
    qint64 created = 0;
    for (const Result<SendOutcome> &outcome : *written) {
        if (outcome && outcome->created)
            ++created;
    }
    stats.addStored(created);
}

} // namespace

MessageWriter::MessageWriter(Database &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_stats(std::make_shared<MessageCommitStats>())
{ }

// Queued sends left (only after close() cannot have run) answer themselves as they go.
MessageWriter::~MessageWriter() = default;

QFuture<Result<SendOutcome>> MessageWriter::send(NewMessage message)
{
    auto pending = std::make_unique<PendingSend>(std::move(message));
    QFuture<Result<SendOutcome>> future = pending->future();
    if (m_closed)
        return future; // answered with an error as `pending` goes
    m_queue.push_back(std::move(pending));
    if (!m_writing)
        startNextBatch();
    return future;
}

void MessageWriter::close()
{
    if (m_closed)
        return;
    m_closed = true;
    // What was sent before the close is written, as queued database jobs are: the database
    // finishes these batches before it closes.
    while (!m_queue.empty())
        startNextBatch();
}

void MessageWriter::startNextBatch()
{
    if (m_queue.empty())
        return;
    const size_t size = std::min(m_queue.size(), size_t(kMaxBatchSize));
    std::vector<std::unique_ptr<PendingSend>> batch;
    batch.reserve(size);
    for (size_t i = 0; i < size; ++i) {
        batch.push_back(std::move(m_queue.front()));
        m_queue.pop_front();
    }
    m_writing = true;
    ++m_batches;
    m_largestBatch = qMax(m_largestBatch, int(size));
    writeBatch(std::move(batch));
}

QCoro::Task<> MessageWriter::writeBatch(std::vector<std::unique_ptr<PendingSend>> batch)
{
    QPointer<MessageWriter> self(this);
    const std::shared_ptr<MessageCommitStats> stats = m_stats;
    QList<NewMessage> messages;
    messages.reserve(qsizetype(batch.size()));
    for (const std::unique_ptr<PendingSend> &pending : batch)
        messages << pending->message();
    auto writeTask = m_database.run<QList<Result<SendOutcome>>>(
        [messages, stats](Storage &storage) -> Result<QList<Result<SendOutcome>>> {
            return MessageBatch(storage, &stats->transactions()).write(messages);
        });
    Result<QList<Result<SendOutcome>>> written = co_await writeTask;
    recordWaits(*stats, batch, written);

    // The senders are answered even when the writer is gone: their batch has committed.
    if (written && written->size() != qsizetype(batch.size()))
        written = internalError(QStringLiteral("The message batch lost track of a message."));
    if (!written) {
        for (const std::unique_ptr<PendingSend> &pending : batch)
            pending->answer(written.error());
    } else {
        if (self) {
            std::vector<const SendOutcome *> created;
            for (const Result<SendOutcome> &outcome : *written) {
                if (outcome && outcome->created)
                    created.push_back(&*outcome);
            }
            std::sort(
                created.begin(), created.end(), [](const SendOutcome *a, const SendOutcome *b) {
                    return a->message.id < b->message.id;
                });
            for (const SendOutcome *outcome : created)
                emit stored(*outcome);
        }
        for (size_t i = 0; i < batch.size(); ++i)
            batch[i]->answer(written->at(qsizetype(i)));
    }
    if (!self || m_closed)
        co_return;
    m_writing = false;
    startNextBatch();
}

} // namespace Confab::Server
