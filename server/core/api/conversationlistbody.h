#pragma once

#include "common/conversation.h"

#include <QByteArray>
#include <QCoroTask>
#include <QList>

namespace Confab::Server {

/// The JSON body of `GET /api/conversations`, written by JsonWriter (about a microsecond per
/// participant). A long list (hundreds of participants in all) is written on a pool thread so
/// the event loop goes on serving other connections meanwhile, which matters when thousands
/// of clients catch up at once after a reconnect. Short lists are written on the spot.
class ConversationListBody
{
public:
    /// Lists with at least this many participants in all are written on a pool thread.
    static constexpr qsizetype kOffloadParticipants = 64;

    static QCoro::Task<QByteArray> write(QList<Conversation> conversations);
    static QByteArray writeNow(const QList<Conversation> &conversations);
};

} // namespace Confab::Server
