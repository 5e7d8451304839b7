#include "server/core/storage/messagebatch.h"

#include "server/core/stats/latencyhistogram.h"
#include "server/core/storage/conversationerrors.h"
#include "server/core/storage/messagewritestatements.h"
#include "server/core/storage/sqltransaction.h"
#include "server/core/storage/storage.h"
#include "server/core/storage/storagelog.h"

#include <QMap>

#include <chrono>

#include <map>
#include <optional>
#include <tuple>
#include <vector>

namespace Confab::Server {

namespace {

QList<qint64> distinctConversations(const QList<NewMessage> &messages)
{
    QList<qint64> ids;
    for (const NewMessage &message : messages) {
        if (!ids.contains(message.conversationId))
            ids << message.conversationId;
    }
    return ids;
}

} // namespace

QList<Result<SendOutcome>> MessageBatch::write(const QList<NewMessage> &messages)
{
    Result<QList<Result<SendOutcome>>> together = writeTogether(messages);
    if (together)
        return std::move(together).value();
    QList<Result<SendOutcome>> results;
    if (messages.size() == 1) {
        results.emplaceBack(together.error());
        return results;
    }
    qCWarning(lcStorage) << "a batch of" << messages.size()
                         << "messages failed; writing each in a transaction of its own";
    for (const NewMessage &message : messages) {
        Result<QList<Result<SendOutcome>>> alone = writeTogether({message});
        // Results are built in place: copying a temporary Result<SendOutcome> made from an
        // Error trips a false -Wmaybe-uninitialized in GCC 12 at -O3.
        if (alone)
            results.emplaceBack(alone->constFirst());
        else
            results.emplaceBack(alone.error());
    }
    return results;
}

Result<QList<Result<SendOutcome>>> MessageBatch::writeTogether(const QList<NewMessage> &messages)
{
    const auto began = std::chrono::steady_clock::now();
    SqlTransaction transaction(m_storage.context());
    if (Result<void> begun = transaction.begin(); !begun)
        return begun.error();
    // Read inside the transaction, so that a member removed before it began cannot send.
    Result<QHash<qint64, QList<qint64>>> participants =
        m_storage.conversations().participantIdsOf(distinctConversations(messages));
    if (!participants)
        return participants.error();

    MessageWriteStatements &statements = m_storage.messages().writeStatements();
    const qsizetype count = messages.size();
    // What each message comes to: refused, the message its client id already names, or a new
    // row; `sameAs` points a repeated client id at the earlier message of this batch.
    std::vector<std::optional<Result<SendOutcome>>> decided(static_cast<size_t>(count));
    std::vector<qsizetype> sameAs(static_cast<size_t>(count), -1);
    std::map<std::tuple<qint64, qint64, QString>, qsizetype> firstWithClientId;
    QList<NewMessage> lookUp; // the first use in this batch of each client id
    QList<qsizetype> lookedUpFrom;
    for (qsizetype i = 0; i < count; ++i) {
        const NewMessage &message = messages.at(i);
        const auto members = participants->constFind(message.conversationId);
        if (members == participants->constEnd() || !members->contains(message.senderId)) {
            decided[size_t(i)].emplace(conversationNotFound());
            continue;
        }
        if (message.clientMessageId.isEmpty())
            continue;
        const auto key =
            std::make_tuple(message.conversationId, message.senderId, message.clientMessageId);
        if (const auto earlier = firstWithClientId.find(key); earlier != firstWithClientId.end()) {
            sameAs[size_t(i)] = earlier->second;
            continue;
        }
        firstWithClientId.emplace(key, i);
        lookUp << message;
        lookedUpFrom << i;
    }
    Result<QList<std::optional<Message>>> found = statements.findAllByClientId(lookUp);
    if (!found)
        return found.error();
    for (qsizetype k = 0; k < lookedUpFrom.size(); ++k) {
        if (!found->at(k))
            continue;
        SendOutcome outcome; // the client id was used before: the first message, unchanged
        outcome.message = *found->at(k);
        decided[size_t(lookedUpFrom.at(k))].emplace(std::move(outcome));
    }

    QList<NewMessage> toInsert; // in the order of the batch, so that ids follow it
    QList<qsizetype> insertedFrom;
    for (qsizetype i = 0; i < count; ++i) {
        if (decided[size_t(i)] || sameAs[size_t(i)] >= 0)
            continue;
        toInsert << messages.at(i);
        insertedFrom << i;
    }

    Result<QList<qint64>> ids = statements.insertAll(toInsert);
    if (!ids)
        return ids.error();
    QMap<qint64, ConversationActivity> activity; // ordered: rows are locked in one order
    for (qsizetype k = 0; k < insertedFrom.size(); ++k) {
        const NewMessage &message = toInsert.at(k);
        SendOutcome outcome;
        outcome.created = true;
        outcome.message = MessageWriteStatements::storedMessage(message, ids->at(k));
        decided[size_t(insertedFrom.at(k))].emplace(std::move(outcome));
        ConversationActivity &latest = activity[message.conversationId];
        latest.conversationId = message.conversationId;
        latest.lastMessageId = qMax(latest.lastMessageId, ids->at(k));
        if (!latest.at.isValid() || latest.at < message.createdAt)
            latest.at = message.createdAt;
    }
    if (Result<void> advanced = statements.advanceAll(activity.values()); !advanced)
        return advanced.error();

    QList<Result<SendOutcome>> results;
    results.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        if (sameAs[size_t(i)] >= 0) {
            // A repeat gets the message its first use stored, as a retry would.
            SendOutcome outcome = **decided[size_t(sameAs[size_t(i)])];
            outcome.created = false;
            results.emplaceBack(std::move(outcome));
            continue;
        }
        // Copied, not moved: a repeat later in the batch may still need it.
        Result<SendOutcome> &outcome = *decided[size_t(i)];
        if (outcome)
            outcome->participantIds = participants->value(messages.at(i).conversationId);
        results.emplaceBack(outcome);
    }
    if (Result<void> committed = transaction.commit(); !committed)
        return committed.error();
    if (m_transactionTimes) {
        m_transactionTimes->add(std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - began));
    }
    return results;
}

} // namespace Confab::Server
