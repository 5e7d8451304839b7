#pragma once

#include "common/error.h"
#include "common/message.h"

namespace Confab::Client {

/// A message as the client holds it: the server's message, or a local echo still on its
/// way (Pending) or refused (Failed). A local echo has id 0 and is known by its
/// clientMessageId until the server's copy replaces it.
struct MessageItem
{
    enum class State { Pending, Sent, Failed };

    MessageItem() = default;
    MessageItem(Message m, State s)
        : message(std::move(m))
        , state(s)
    { }

    Message message;
    State state = State::Sent;
    Error error; ///< why sending failed (Failed only)
};

} // namespace Confab::Client
