#pragma once

namespace Confab::Server {

class Database;
class LoginThrottle;
class MessageWriter;
class PasswordHasher;
class RealtimeHub;
class TokenService;

/// The services a request handler may use; owned by ChatServer, which outlives every API.
struct ServerContext
{
    Database &database;
    const TokenService &tokens;
    PasswordHasher &hasher;
    LoginThrottle &loginThrottle;
    RealtimeHub &hub;
    MessageWriter &messageWriter; ///< stores new messages in group commits
};

} // namespace Confab::Server
