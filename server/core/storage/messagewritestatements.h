#pragma once

#include "server/core/storage/sqlcontext.h"
#include "server/core/storage/storedtypes.h"

#include <QSqlQuery>

#include <optional>

namespace Confab::Server {

/// The statements that store messages, each prepared once per connection and then run for
/// every message: on PostgreSQL a prepared statement costs a round trip to make and another to
/// drop, which would otherwise be paid for every message or every batch. Runs on a database
/// worker inside a transaction the caller owns; the caller checks membership first.
class MessageWriteStatements
{
public:
    explicit MessageWriteStatements(SqlContext &context)
        : m_context(context)
    { }
    MessageWriteStatements(const MessageWriteStatements &) = delete;
    MessageWriteStatements &operator=(const MessageWriteStatements &) = delete;

    /// Stores `message`; with a clientMessageId this sender already used in this
    /// conversation, returns the first message instead (created = false) and stores nothing.
    /// Leaves participantIds empty and the conversation's activity alone (advanceActivity).
    Result<SendOutcome> store(const NewMessage &message);
    /// Moves the conversation's latest activity forward to `lastMessageId` at `at`, never back.
    Result<void> advanceActivity(qint64 conversationId, qint64 lastMessageId, const QDateTime &at);

private:
    Result<std::optional<Message>> findByClientId(const NewMessage &message);
    /// The new id, or nullopt when the unique index found the client id already used.
    Result<std::optional<qint64>> insert(const NewMessage &message);
    /// Prepares `query` on first use, binds `values` and runs it.
    Result<void> run(std::optional<QSqlQuery> &query, const QString &sql,
        const QVariantList &values, const char *what);

    SqlContext &m_context;
    std::optional<QSqlQuery> m_find;
    std::optional<QSqlQuery> m_insert;
    std::optional<QSqlQuery> m_advance;
};

} // namespace Confab::Server
