#pragma once

#include "app/core/accesstokensource.h"

#include "common/authrequests.h"
#include "common/authresponse.h"
#include "common/result.h"
#include "common/user.h"

#include <QCoroTask>
#include <QDateTime>
#include <QObject>
#include <QPromise>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace Confab::Client {

class ApiClient;
class SecretStore;
class TlsTrust;

/// One signed-in user on one server: the user, the access token (in memory only) and the
/// refresh token (in the SecretStore, and in memory while signed in).
///
/// The access token is refreshed before it expires (at 80 % of its lifetime) and whenever
/// the server rejects it (ApiClient retries once). Refresh tokens are single-use, so at most
/// one refresh runs at a time and the new refresh token is stored before anything else.
/// When a refresh is refused the session ends with signedOut(reason).
class Session : public QObject, public AccessTokenSource
{
    Q_OBJECT
    Q_PROPERTY(bool signedIn READ isSignedIn NOTIFY signedInChanged)
public:
    /// `secrets` must outlive the session.
    Session(QUrl serverUrl, SecretStore *secrets, QObject *parent = nullptr);
    ~Session() override;

    ApiClient &api() { return *m_api; }
    QUrl serverUrl() const { return m_serverUrl; }
    /// ws(s)://host:port/ws for the RealtimeClient.
    QUrl webSocketUrl() const;
    /// Decides on server certificates Qt cannot verify, for REST and WebSocket alike. The
    /// session has one keeping pins in memory until given the profile's (which must outlive it).
    TlsTrust &tlsTrust() { return *m_trust; }
    void setTlsTrust(TlsTrust *trust);

    bool isSignedIn() const { return !m_accessToken.isEmpty(); }
    User user() const { return m_user; }
    QString accessToken() const override { return m_accessToken; }
    QDateTime accessTokenExpiry() const { return m_accessTokenExpiry; }
    /// The key of the refresh token in the SecretStore.
    QString secretKey() const;

    /// When false, the access token is only renewed after the server rejects it.
    void setRefreshBeforeExpiry(bool enabled) { m_refreshBeforeExpiry = enabled; }

    QCoro::Task<Result<User>> signIn(QString username, QString password);
    QCoro::Task<Result<User>> signUp(RegisterRequest request);
    /// Starts a session from the refresh token kept in the SecretStore by an earlier run.
    QCoro::Task<Result<User>> restore();
    /// Starts a session from tokens obtained some other way than this session's requests
    /// (the app's own embedded server signs its host in directly). Kept like a sign-in's.
    QCoro::Task<Result<User>> adoptSignIn(AuthResponse response);
    /// Revokes the refresh token on the server, forgets both tokens, emits signedOut.
    QCoro::Task<> signOut();

    /// Changes the password (the current one is checked by the server) and adopts the fresh
    /// session the server answers with: every earlier refresh token is revoked.
    QCoro::Task<Result<void>> changePassword(QString currentPassword, QString newPassword);

    /// The user changed their own profile: keep the copy the session holds up to date.
    void updateUser(const User &user);

    QCoro::Task<bool> renewAccessToken(QString rejectedToken) override;
    /// Refreshes now when the access token expires within `margin` (before a WebSocket
    /// connects, since the server checks its token only then). True when a usable token is held.
    QCoro::Task<bool> ensureFreshToken(std::chrono::seconds margin);

Q_SIGNALS:
    void signedInChanged();
    /// A session started (sign-in, sign-up or restore; not on each refresh).
    void signedIn(const Confab::User &user);
    /// The session ended: `reason.code` is `signed_out` when asked for, else why the server
    /// refused to refresh it (e.g. `invalid_refresh_token`).
    void signedOut(const Confab::Error &reason);
    void accessTokenChanged();
    /// The refresh token could not be kept between runs; the session lasts for this run only.
    void secretNotStored(const Confab::Error &error);

private:
    QCoro::Task<Result<User>> adopt(Result<AuthResponse> response);
    QCoro::Task<bool> refreshNow();
    QCoro::Task<> end(Error reason, bool removeSecret);
    void clear();

    QUrl m_serverUrl;
    SecretStore *m_secrets;
    ApiClient *m_api;
    TlsTrust *m_trust;
    User m_user;
    QString m_accessToken;
    QString m_refreshToken;
    QDateTime m_accessTokenExpiry;
    QTimer m_refreshTimer;
    /// The refresh under way: callers that need one meanwhile await its outcome. Settled (false)
    /// by the destructor too, so that no caller is left waiting when the session goes.
    std::unique_ptr<QPromise<bool>> m_refresh;
    bool m_refreshBeforeExpiry = true;
    quint64 m_generation = 0; ///< changes whenever a session starts or ends
};

} // namespace Confab::Client
