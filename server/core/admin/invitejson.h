#pragma once

#include "server/core/storage/storedtypes.h"

#include <QJsonObject>

namespace Confab::Server {

/// An invite as the admin API shows it; `status` is worked out against `now`.
QJsonObject inviteToJson(const StoredInvite &invite, const QDateTime &now);

} // namespace Confab::Server
