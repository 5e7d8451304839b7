#pragma once

#include "common/authresponse.h"
#include "common/result.h"

#include <QDateTime>

namespace Confab::Server {

class RealtimeHub;
class Storage;
class TokenService;

/// Signing someone in once they have proven who they are: what login, registration, refresh
/// and the desktop app's host account share.
namespace AuthSession {
/// The database half, on a database worker: a new refresh token stored for the user (its hash
/// only) and their profile. 401 invalid_refresh_token when the account no longer exists.
Result<AuthResponse> start(Storage &storage, qint64 userId, const QDateTime &now);
/// The rest, on the event loop: the access token, its lifetime and the user's presence.
void finish(AuthResponse &session, const TokenService &tokens, const RealtimeHub &hub,
    const QDateTime &now);
} // namespace AuthSession

} // namespace Confab::Server
