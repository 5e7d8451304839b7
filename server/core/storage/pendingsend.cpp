#include "server/core/storage/pendingsend.h"

namespace Confab::Server {

PendingSend::PendingSend(NewMessage message)
    : m_message(std::move(message))
{
    m_promise.start();
}

PendingSend::~PendingSend()
{
    if (!m_answered) {
        answer(makeError(503, QStringLiteral("database_unavailable"),
            QStringLiteral("The server stopped before it could store the message.")));
    }
}

void PendingSend::answer(Result<SendOutcome> outcome)
{
    if (m_answered)
        return;
    m_answered = true;
    m_promise.addResult(std::move(outcome));
    m_promise.finish();
}

} // namespace Confab::Server
