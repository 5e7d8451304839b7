#include "server/core/api/conversationlistbody.h"

#include "common/jsonwriter.h"

#include <QCoroFuture>
#include <QtConcurrent>

namespace Confab::Server {

QByteArray ConversationListBody::writeNow(const QList<Conversation> &conversations)
{
    qsizetype participants = 0;
    for (const Conversation &conversation : conversations)
        participants += conversation.participants.size();
    JsonWriter writer(512 * conversations.size() + 256 * participants);
    writer.beginObject();
    writer.key(QLatin1StringView("conversations"));
    writer.beginArray();
    for (const Conversation &conversation : conversations)
        conversation.writeJson(writer);
    writer.endArray();
    writer.endObject();
    return writer.take();
}

QCoro::Task<QByteArray> ConversationListBody::write(QList<Conversation> conversations)
{
    qsizetype participants = 0;
    for (const Conversation &conversation : std::as_const(conversations))
        participants += conversation.participants.size();
    if (participants < kOffloadParticipants) {
        QByteArray body = writeNow(conversations);
        co_return body;
    }
    // Named before it is awaited: see "Coroutines" in docs/architecture.md.
    QFuture<QByteArray> future =
        QtConcurrent::run([list = std::move(conversations)] { return writeNow(list); });
    QByteArray body = co_await future;
    co_return body;
}

} // namespace Confab::Server
