#include "app/host/hostlogging.h"

namespace Confab::Host {
Q_LOGGING_CATEGORY(lcHost, "confab.host")
} // namespace Confab::Host
