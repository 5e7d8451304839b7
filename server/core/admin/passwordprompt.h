#pragma once

#include "common/result.h"

#include <QString>

namespace Confab::Server {

/// Reads a new password for an admin command, never from the command line: on a terminal it
/// prompts twice on stderr with echo off; otherwise it reads the first line of stdin (so that
/// scripts can pipe it in).
Result<QString> readNewPassword();

} // namespace Confab::Server
