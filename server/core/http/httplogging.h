#pragma once

#include <QLoggingCategory>

namespace Confab::Server {

Q_DECLARE_LOGGING_CATEGORY(lcHttpGuard)

} // namespace Confab::Server
