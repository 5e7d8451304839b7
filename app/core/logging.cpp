#include "app/core/logging.h"

namespace Confab::Client {
Q_LOGGING_CATEGORY(lcSession, "confab.client.session")
Q_LOGGING_CATEGORY(lcRealtime, "confab.client.realtime")
Q_LOGGING_CATEGORY(lcMessages, "confab.client.messages")
Q_LOGGING_CATEGORY(lcTls, "confab.client.tls")
Q_LOGGING_CATEGORY(lcDiscovery, "confab.client.discovery")
Q_LOGGING_CATEGORY(lcNotifications, "confab.client.notifications")
} // namespace Confab::Client
