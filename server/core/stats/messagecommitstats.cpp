#include "server/core/stats/messagecommitstats.h"

namespace Confab::Server {

QJsonObject MessageCommitStats::toJson() const
{
    return QJsonObject {{QStringLiteral("transactions"), m_transactions.snapshot().toJson()},
        {QStringLiteral("messages"), m_messages.snapshot().toJson()},
        {QStringLiteral("messagesStored"), double(messagesStored())}};
}

} // namespace Confab::Server
