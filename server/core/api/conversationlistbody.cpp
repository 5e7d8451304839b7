#include "server/core/api/conversationlistbody.h"

#include <QCoroFuture>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent>

namespace Confab::Server {

QByteArray ConversationListBody::writeNow(const QList<Conversation> &conversations)
{
    QJsonArray array;
    for (const Conversation &conversation : conversations)
        array.append(conversation.toJson());
    return QJsonDocument(QJsonObject {{QStringLiteral("conversations"), array}})
        .toJson(QJsonDocument::Compact);
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
