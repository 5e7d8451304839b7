#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QString>

namespace Confab::Server {
class Storage;
}

namespace Confab::Host {

/// The account of the person hosting: made on the first sign-in, remembered in the server's
/// settings, and signed in without a password from then on (only the app that runs the
/// server can do that, in-process).
namespace HostAccount {
/// The server_settings key holding the host account's user id.
QString settingKey();

/// On a database worker: the host account's user id. The remembered account when it still
/// exists; otherwise a new one (the server's first account, so its administrator) with
/// `displayName`, a username made from it (unique), and a random password nobody knows.
Result<qint64> ensure(Server::Storage &storage, const QString &displayName, const QDateTime &now);
} // namespace HostAccount

} // namespace Confab::Host
