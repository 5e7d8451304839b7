#pragma once

#include <QCoroTask>
#include <QString>

namespace Confab::Client {

/// Where ApiClient and RealtimeClient get the bearer token from (the Session), and how they
/// ask for a new one when the server rejects it.
class AccessTokenSource
{
public:
    virtual ~AccessTokenSource() = default;

    /// The token to send now; empty when signed out.
    virtual QString accessToken() const = 0;
    /// The server rejected `rejectedToken`: get a fresh one (at most one refresh at a time).
    /// True when a different, usable token is now available.
    virtual QCoro::Task<bool> renewAccessToken(QString rejectedToken) = 0;
};

} // namespace Confab::Client
