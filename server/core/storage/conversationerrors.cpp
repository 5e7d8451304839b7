#include "server/core/storage/conversationerrors.h"

namespace Confab::Server {

Error conversationNotFound()
{
    return notFound(
        QStringLiteral("conversation_not_found"), QStringLiteral("There is no such conversation."));
}

} // namespace Confab::Server
