#include "app/core/session.h"

#include "app/core/apiclient.h"
#include "app/core/httptransport.h"
#include "app/core/secretstore.h"
#include "app/core/tlstrust.h"

#include "app/core/logging.h"
#include <QCoroFuture>
#include <QPointer>

namespace Confab::Client {

namespace {

constexpr std::chrono::seconds kUnreachableRetry {10};

Error signedOutByUser()
{
    return makeError(0, QStringLiteral("signed_out"), QStringLiteral("You signed out."));
}

Error noStoredSession()
{
    return makeError(0, QStringLiteral("no_session"), QStringLiteral("No saved session."));
}

bool isTransportFailure(const Error &error)
{
    return error.httpStatus == 0 && error.code == QLatin1StringView("unreachable");
}

/// Tells the callers waiting for a refresh how it ended.
void settle(QPromise<bool> &refresh, bool renewed)
{
    refresh.addResult(renewed);
    refresh.finish();
}

} // namespace

Session::Session(QUrl serverUrl, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_serverUrl(std::move(serverUrl))
    , m_secrets(secrets)
    , m_api(new ApiClient(m_serverUrl, this))
    , m_trust(new TlsTrust(nullptr, this))
{
    m_api->setTokenSource(this);
    m_api->transport().setTlsTrust(m_trust);
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] { refreshNow(); });
}

Session::~Session()
{
    m_api->setTokenSource(nullptr);
    if (m_refresh)
        settle(*m_refresh, false);
}

QUrl Session::webSocketUrl() const
{
    QUrl url = m_serverUrl;
    url.setScheme(m_serverUrl.scheme() == QLatin1StringView("https") ? QStringLiteral("wss")
                                                                     : QStringLiteral("ws"));
    url.setPath(QStringLiteral("/ws"));
    return url;
}

void Session::setTlsTrust(TlsTrust *trust)
{
    if (!trust)
        return;
    m_trust = trust;
    m_api->transport().setTlsTrust(trust);
}

QString Session::secretKey() const
{
    return QStringLiteral("refresh-token ") + m_serverUrl.toString(QUrl::StripTrailingSlash);
}

QCoro::Task<Result<User>> Session::signIn(QString username, QString password)
{
    LoginRequest request;
    request.username = username;
    request.password = password;
    auto task = m_api->login(request);
    Result<AuthResponse> response = co_await task;
    auto adoption = adopt(std::move(response));
    Result<User> user = co_await adoption;
    co_return user;
}

QCoro::Task<Result<User>> Session::signUp(RegisterRequest request)
{
    auto task = m_api->registerUser(request);
    Result<AuthResponse> response = co_await task;
    auto adoption = adopt(std::move(response));
    Result<User> user = co_await adoption;
    co_return user;
}

QCoro::Task<Result<User>> Session::restore()
{
    QPointer<Session> self(this);
    auto read = m_secrets->readSecret(secretKey());
    const Result<QString> stored = co_await read;
    if (!self)
        co_return noStoredSession();
    if (!stored)
        co_return stored.error();
    if (stored->isEmpty())
        co_return noStoredSession();
    auto task = m_api->refresh(*stored);
    Result<AuthResponse> response = co_await task;
    if (!self)
        co_return noStoredSession();
    if (!response && !isTransportFailure(response.error())) {
        auto removal = m_secrets->removeSecret(secretKey()); // used up or revoked: forget it
        const Result<void> removed = co_await removal;
        Q_UNUSED(removed);
        co_return response.error();
    }
    auto adoption = adopt(std::move(response));
    Result<User> user = co_await adoption;
    co_return user;
}

QCoro::Task<Result<User>> Session::adoptSignIn(AuthResponse response)
{
    auto adoption = adopt(Result<AuthResponse>(std::move(response)));
    Result<User> user = co_await adoption;
    co_return user;
}

namespace {
ChangePasswordRequest passwordChange(const QString &current, const QString &next)
{
    ChangePasswordRequest request;
    request.currentPassword = current;
    request.newPassword = next;
    return request;
}
} // namespace

QCoro::Task<Result<void>> Session::changePassword(QString currentPassword, QString newPassword)
{
    QPointer<Session> self(this);
    auto task = m_api->changePassword(passwordChange(currentPassword, newPassword));
    Result<AuthResponse> response = co_await task;
    if (!self)
        co_return Result<void>();
    if (!response)
        co_return response.error();
    auto adoption = adopt(std::move(response));
    const Result<User> user = co_await adoption;
    if (!user)
        co_return user.error();
    co_return Result<void>();
}

void Session::updateUser(const User &user)
{
    if (user.id == m_user.id)
        m_user = user;
}

QCoro::Task<Result<User>> Session::adopt(Result<AuthResponse> response)
{
    if (!response)
        co_return response.error();
    QPointer<Session> self(this);
    ++m_generation;
    const bool wasSignedIn = isSignedIn();
    m_user = response->user;
    m_accessToken = response->accessToken;
    m_refreshToken = response->refreshToken;
    m_accessTokenExpiry = QDateTime::currentDateTimeUtc().addSecs(response->expiresIn);
    if (m_refreshBeforeExpiry)
        m_refreshTimer.start(std::max(1000, response->expiresIn * 800));

    auto write = m_secrets->writeSecret(secretKey(), m_refreshToken);
    const Result<void> written = co_await write;
    if (!self)
        co_return response->user;
    if (!written)
        Q_EMIT secretNotStored(written.error());
    Q_EMIT accessTokenChanged();
    if (!wasSignedIn) {
        Q_EMIT signedInChanged();
        Q_EMIT signedIn(m_user);
    }
    // A copy: GCC 12 moves from a data member named in co_return, which emptied m_user.
    User user = m_user;
    co_return user;
}

QCoro::Task<bool> Session::renewAccessToken(QString rejectedToken)
{
    if (!isSignedIn())
        co_return false;
    if (rejectedToken != m_accessToken)
        co_return true; // someone else renewed it meanwhile
    auto task = refreshNow();
    const bool renewed = co_await task;
    co_return renewed;
}

QCoro::Task<bool> Session::ensureFreshToken(std::chrono::seconds margin)
{
    if (!isSignedIn())
        co_return false;
    if (QDateTime::currentDateTimeUtc().secsTo(m_accessTokenExpiry) > margin.count())
        co_return true;
    auto task = refreshNow();
    const bool renewed = co_await task;
    co_return renewed;
}

QCoro::Task<bool> Session::refreshNow()
{
    QPointer<Session> self(this);
    if (!isSignedIn())
        co_return false;
    if (m_refresh) {
        // One refresh at a time (refresh tokens are single-use): wait for the one under way.
        QFuture<bool> outcome = m_refresh->future();
        const bool renewed = co_await outcome;
        co_return renewed;
    }
    m_refresh = std::make_unique<QPromise<bool>>();
    m_refresh->start();
    m_refreshTimer.stop();
    const quint64 generation = m_generation;
    auto task = m_api->refresh(m_refreshToken);
    Result<AuthResponse> response = co_await task;
    if (!self)
        co_return false; // the destructor has told the waiting callers
    // From here a new refresh may start; this one's callers hear how it ended.
    const std::unique_ptr<QPromise<bool>> refresh = std::move(m_refresh);
    if (generation != m_generation) { // signed out (or in again) meanwhile
        const bool signedIn = isSignedIn();
        settle(*refresh, signedIn);
        co_return signedIn;
    }
    if (!response) {
        if (isTransportFailure(response.error())) {
            // The request never reached the server, so the refresh token is still good.
            qCDebug(lcSession) << "refresh failed, server unreachable; retrying later";
            m_refreshTimer.start(kUnreachableRetry);
            settle(*refresh, false);
            co_return false;
        }
        qCInfo(lcSession) << "refresh refused:" << response.error().code;
        auto ending = end(response.error(), true);
        co_await ending;
        settle(*refresh, false);
        co_return false;
    }
    auto adoption = adopt(std::move(response));
    const Result<User> user = co_await adoption;
    settle(*refresh, user.ok());
    co_return user.ok();
}

QCoro::Task<> Session::signOut()
{
    QPointer<Session> self(this);
    const QString refreshToken = m_refreshToken;
    if (!refreshToken.isEmpty()) {
        auto logout = m_api->logout(refreshToken);
        const Result<void> loggedOut = co_await logout;
        if (!loggedOut)
            qCInfo(lcSession) << "logout failed:" << loggedOut.error().code;
        if (!self)
            co_return;
    }
    auto ending = end(signedOutByUser(), true);
    co_await ending;
}

QCoro::Task<> Session::end(Error reason, bool removeSecret)
{
    QPointer<Session> self(this);
    const bool wasSignedIn = isSignedIn();
    clear();
    if (removeSecret) {
        auto removal = m_secrets->removeSecret(secretKey());
        const Result<void> removed = co_await removal;
        Q_UNUSED(removed);
        if (!self)
            co_return;
    }
    if (wasSignedIn)
        Q_EMIT signedInChanged();
    Q_EMIT signedOut(reason);
}

void Session::clear()
{
    ++m_generation;
    m_refreshTimer.stop();
    m_user = User();
    m_accessToken.clear();
    m_refreshToken.clear();
    m_accessTokenExpiry = QDateTime();
}

} // namespace Confab::Client
