#include "server/core/storage/storagelog.h"

namespace Confab::Server {

Q_LOGGING_CATEGORY(lcStorage, "confab.server.storage")

} // namespace Confab::Server
