#pragma once

#include "app/core/tlstrust.h"
#include "common/result.h"

#include <QCoroTask>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

#include <optional>

namespace Confab::Client {

/// One HTTP exchange with the server: JSON in, JSON out, every failure an Error.
///
/// Server errors keep the server's code, message and status; a reply that never came is
/// `unreachable` (or `timeout`) with status 0. The transport knows nothing of tokens: the
/// caller passes the bearer token it wants sent. Destroying the transport aborts the requests
/// still under way: each awaiting coroutine resumes at once with `cancelled`, so none is left
/// suspended on a reply that will never finish. Over HTTPS, a certificate Qt cannot verify is
/// put to the TlsTrust (when set): refused ones fail with `certificate_untrusted` or
/// `certificate_changed`.
class HttpTransport : public QObject
{
    Q_OBJECT
public:
    explicit HttpTransport(QUrl baseUrl, QObject *parent = nullptr);
    /// Aborts every request under way (their callers get `cancelled`) before the network
    /// access manager, and with it the replies, goes away.
    ~HttpTransport() override;

    QUrl baseUrl() const { return m_baseUrl; }
    /// How long a request may stay silent before it fails with `timeout`.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    /// Decides on certificates Qt cannot verify; without one they fail as `unreachable`.
    void setTlsTrust(TlsTrust *trust) { m_trust = trust; }
    TlsTrust *tlsTrust() const { return m_trust; }
    /// How many requests are waiting for their answer.
    int requestsUnderWay() const;

    /// Sends `method path?query` with `body` (if any); the reply's JSON object (empty for 204).
    QCoro::Task<Result<QJsonObject>> request(QByteArray method, QString path, QUrlQuery query,
        std::optional<QJsonObject> body, QString bearerToken);

    /// Sends `body` as it is (e.g. a picture) with `contentType`; the reply's JSON object.
    QCoro::Task<Result<QJsonObject>> upload(QByteArray method, QString path, QByteArray body,
        QByteArray contentType, QString bearerToken);
    /// GETs `url` (absolute, or a path on the server) and answers the body's bytes. The bearer
    /// token is only sent to the server itself, never to another host.
    QCoro::Task<Result<QByteArray>> download(QUrl url, QString bearerToken);

    /// The errors of a failed transport, named once.
    static Error unreachableError();
    static Error timeoutError();
    /// The request was abandoned because the transport (or its owner) went away.
    static Error cancelledError();

private:
    void abortAll();

    QUrl m_baseUrl;
    QNetworkAccessManager m_network;
    QPointer<TlsTrust> m_trust;
    std::chrono::milliseconds m_timeout {15000};
    bool m_closing = false; ///< being destroyed: no new request, every answer is `cancelled`
};

} // namespace Confab::Client
