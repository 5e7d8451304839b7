#include "server/core/storage/messagerepository.h"

#include "server/core/storage/conversationrepository.h"

#include "server/core/storage/rowreaders.h"
#include "server/core/storage/sqltransaction.h"
#include "server/core/storage/sqlutil.h"

#include <algorithm>
#include <limits>

namespace Confab::Server {

namespace {

Result<MessagePage> readPage(QSqlQuery &query, int limit, bool newestFirst)
{
    MessagePage page;
    while (query.next()) {
        if (page.messages.size() == limit) {
            page.hasMore = true; // the one extra row asked for exists
            break;
        }
        page.messages << Rows::readMessage(query, 0);
    }
    if (newestFirst)
        std::reverse(page.messages.begin(), page.messages.end());
    return page;
}

} // namespace

Result<SendOutcome> MessageRepository::send(qint64 conversationId, qint64 senderId,
    const QString &content, const QString &clientMessageId, const QDateTime &now)
{
    SqlTransaction transaction(m_context);
    if (Result<void> begun = transaction.begin(); !begun)
        return begun.error();
    Result<SendOutcome> outcome =
        m_writes.store(NewMessage(conversationId, senderId, content, clientMessageId, now));
    if (!outcome)
        return outcome.error();
    if (outcome->created) {
        if (Result<void> advanced =
                m_writes.advanceActivity(conversationId, outcome->message.id, now);
            !advanced)
            return advanced.error();
    }
    Result<QList<qint64>> recipients =
        ConversationRepository(m_context).participantIds(conversationId);
    if (!recipients)
        return recipients.error();
    outcome->participantIds = std::move(*recipients);
    if (Result<void> committed = transaction.commit(); !committed)
        return committed.error();
    return outcome;
}

Result<MessagePage> MessageRepository::pageBefore(qint64 conversationId, qint64 beforeId, int limit)
{
    limit = qMax(1, limit);
    const qint64 upper = beforeId > 0 ? beforeId : std::numeric_limits<qint64>::max();
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("SELECT ") + Rows::messageColumns(QLatin1String("m"))
                + QStringLiteral(" FROM messages m WHERE m.conversation_id = ? AND m.id < ? "
                                 "ORDER BY m.id DESC LIMIT ?"),
            {conversationId, upper, limit + 1}, "reading older messages");
        !ran)
        return ran.error();
    return readPage(query, limit, true);
}

Result<MessagePage> MessageRepository::pageAfter(qint64 conversationId, qint64 afterId, int limit)
{
    limit = qMax(1, limit);
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("SELECT ") + Rows::messageColumns(QLatin1String("m"))
                + QStringLiteral(" FROM messages m WHERE m.conversation_id = ? AND m.id > ? "
                                 "ORDER BY m.id ASC LIMIT ?"),
            {conversationId, afterId, limit + 1}, "reading newer messages");
        !ran)
        return ran.error();
    return readPage(query, limit, false);
}

} // namespace Confab::Server
