#pragma once

#include "common/error.h"

namespace Confab::Server {

/// 404 conversation_not_found: also what a non-participant gets, so existence never leaks.
/// Here rather than in the API layer because the message writer decides it inside its batch.
Error conversationNotFound();

} // namespace Confab::Server
