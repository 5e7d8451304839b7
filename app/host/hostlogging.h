#pragma once

#include <QLoggingCategory>

// The logging category of the desktop app's embedded server.
namespace Confab::Host {
Q_DECLARE_LOGGING_CATEGORY(lcHost)
} // namespace Confab::Host
