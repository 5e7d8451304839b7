#pragma once

#include "server/core/storage/storedtypes.h"

#include "common/result.h"

#include <QFuture>
#include <QPromise>

#include <chrono>

namespace Confab::Server {

/// One message waiting in the MessageWriter and the promise of its sender's answer. A send
/// dropped unanswered (the server shut down first) is answered with an error, so that no
/// sender waits forever and none is told its message was stored when it was not.
class PendingSend
{
public:
    explicit PendingSend(NewMessage message);
    ~PendingSend();
    PendingSend(const PendingSend &) = delete;
    PendingSend &operator=(const PendingSend &) = delete;

    const NewMessage &message() const { return m_message; }
    /// When the writer accepted the send.
    std::chrono::steady_clock::time_point acceptedAt() const { return m_acceptedAt; }
    QFuture<Result<SendOutcome>> future() { return m_promise.future(); }
    void answer(Result<SendOutcome> outcome);

private:
    NewMessage m_message;
    std::chrono::steady_clock::time_point m_acceptedAt = std::chrono::steady_clock::now();
    QPromise<Result<SendOutcome>> m_promise;
    bool m_answered = false;
};

} // namespace Confab::Server
