#pragma once

#include <QLoggingCategory>

namespace Confab::Server {

/// Driver errors go here (for operators), never into replies to clients.
Q_DECLARE_LOGGING_CATEGORY(lcStorage)

} // namespace Confab::Server
