#include "app/core/httptransport.h"

#include "app/core/tlstrust.h"
#include "common/errorbody.h"

#include <QBuffer>
#include <QCoroNetworkReply>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QPointer>
#include <QSslConfiguration>

#include <memory>

namespace Confab::Client {

namespace {

// Built outside the coroutine: GCC 12 mis-copies aggregates brace-initialised inside one.
Error errorFromReply(int status, const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        if (std::optional<Error> error = errorFromJson(document.object())) {
            error->httpStatus = status;
            return *error;
        }
    }
    return makeError(status, QStringLiteral("http_error"),
        QStringLiteral("The server answered with HTTP status %1.").arg(status));
}

Result<QJsonObject> successFromReply(int status, const QByteArray &body)
{
    if (body.isEmpty())
        return QJsonObject();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!document.isObject()) {
        return makeError(status, QStringLiteral("invalid_response"),
            QStringLiteral("The server's answer is not a JSON object."));
    }
    return document.object();
}

QNetworkRequest makeRequest(
    const QUrl &url, const QString &bearerToken, bool hasBody, std::chrono::milliseconds timeout)
{
    QNetworkRequest request(url);
    if (hasBody)
        request.setHeader(
            QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!bearerToken.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + bearerToken.toUtf8());
    request.setTransferTimeout(int(timeout.count()));
    return request;
}

// The TLS trust's verdict on the reply's certificate, if Qt could not verify it; a refusal is
// kept for after the reply (which then fails) because it says more than "unreachable".
std::shared_ptr<std::optional<Error>> watchCertificate(
    QNetworkReply *reply, const QUrl &server, TlsTrust *trust)
{
    auto refusal = std::make_shared<std::optional<Error>>();
    if (!trust)
        return refusal;
    QObject::connect(reply, &QNetworkReply::sslErrors, reply,
        [reply, server, refusal, guard = QPointer<TlsTrust>(trust)](
            const QList<QSslError> &errors) {
            if (!guard)
                return;
            const Result<void> verdict =
                guard->check(server, reply->sslConfiguration().peerCertificate(), errors);
            if (verdict)
                reply->ignoreSslErrors(errors);
            else
                *refusal = verdict.error();
        });
    return refusal;
}

/// The error of a finished reply, or nothing when it succeeded (a 2xx status).
std::optional<Error> failureOf(QNetworkReply *reply, const QByteArray &body)
{
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid()) {
        const QNetworkReply::NetworkError error = reply->error();
        if (error == QNetworkReply::TimeoutError || error == QNetworkReply::OperationCanceledError)
            return HttpTransport::timeoutError();
        return HttpTransport::unreachableError();
    }
    const int status = statusAttribute.toInt();
    if (status >= 400)
        return errorFromReply(status, body);
    return std::nullopt;
}

} // namespace

HttpTransport::HttpTransport(QUrl baseUrl, QObject *parent)
    : QObject(parent)
    , m_baseUrl(std::move(baseUrl))
{ }

HttpTransport::~HttpTransport()
{
    abortAll();
}

int HttpTransport::requestsUnderWay() const
{
    int count = 0;
    const QList<QNetworkReply *> replies = m_network.findChildren<QNetworkReply *>();
    for (const QNetworkReply *reply : replies) {
        if (reply->isRunning())
            ++count;
    }
    return count;
}

void HttpTransport::abortAll()
{
    // The network access manager deletes its replies without a `finished` signal, which is the
    // only thing an awaiting coroutine resumes on: without this, their frames would stay
    // suspended for ever. abort() emits `finished` at once, so each one resumes (and sees
    // m_closing) before this returns; a reply deleted by another's resumption is skipped.
    m_closing = true;
    const QList<QNetworkReply *> replies = m_network.findChildren<QNetworkReply *>();
    QList<QPointer<QNetworkReply>> pending;
    for (QNetworkReply *reply : replies)
        pending.append(reply);
    for (const QPointer<QNetworkReply> &reply : std::as_const(pending)) {
        if (reply && reply->isRunning())
            reply->abort();
    }
}

Error HttpTransport::unreachableError()
{
    return makeError(0, QStringLiteral("unreachable"), QStringLiteral("Can't reach the server."));
}

Error HttpTransport::timeoutError()
{
    return makeError(
        0, QStringLiteral("timeout"), QStringLiteral("The server did not answer in time."));
}

Error HttpTransport::cancelledError()
{
    return makeError(0, QStringLiteral("cancelled"), QStringLiteral("The request was cancelled."));
}

QCoro::Task<Result<QJsonObject>> HttpTransport::request(QByteArray method, QString path,
    QUrlQuery query, std::optional<QJsonObject> body, QString bearerToken)
{
    if (m_closing)
        co_return cancelledError();
    QUrl url = m_baseUrl;
    url.setPath(path);
    if (!query.isEmpty())
        url.setQuery(query);
    const QNetworkRequest request = makeRequest(url, bearerToken, body.has_value(), m_timeout);

    QNetworkReply *reply = nullptr;
    if (body) {
        const QByteArray bytes = QJsonDocument(*body).toJson(QJsonDocument::Compact);
        reply = m_network.sendCustomRequest(request, method, bytes);
    } else {
        reply = m_network.sendCustomRequest(request, method);
    }
    const std::shared_ptr<std::optional<Error>> refusal =
        watchCertificate(reply, m_baseUrl, m_trust);
    QPointer<QNetworkReply> guard(reply);
    co_await reply;
    if (!guard)
        co_return unreachableError();
    reply->deleteLater();
    if (m_closing)
        co_return cancelledError();
    if (refusal->has_value()) {
        Error error = **refusal;
        co_return error;
    }
    // Requests queued behind the one whose handshake was refused fail with it, without an
    // sslErrors of their own: they were refused for the same reason.
    if (reply->error() == QNetworkReply::SslHandshakeFailedError && m_trust) {
        if (std::optional<TlsTrust::Refusal> last = m_trust->lastRefusal(m_baseUrl)) {
            Error error = TlsTrust::errorFor(*last);
            co_return error;
        }
    }

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid()) {
        const QNetworkReply::NetworkError error = reply->error();
        if (error == QNetworkReply::TimeoutError || error == QNetworkReply::OperationCanceledError)
            co_return timeoutError();
        co_return unreachableError();
    }
    const int status = statusAttribute.toInt();
    const QByteArray bytes = reply->readAll();
    if (status >= 400)
        co_return errorFromReply(status, bytes);
    co_return successFromReply(status, bytes);
}

QCoro::Task<Result<QJsonObject>> HttpTransport::upload(
    QByteArray method, QString path, QByteArray body, QByteArray contentType, QString bearerToken)
{
    if (m_closing)
        co_return cancelledError();
    QUrl url = m_baseUrl;
    url.setPath(path);
    QNetworkRequest request = makeRequest(url, bearerToken, false, m_timeout);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QPointer<QNetworkReply> guard(reply);
    co_await reply;
    if (!guard)
        co_return unreachableError();
    reply->deleteLater();
    if (m_closing)
        co_return cancelledError();
    const QByteArray bytes = reply->readAll();
    if (std::optional<Error> failure = failureOf(reply, bytes))
        co_return *failure;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    co_return successFromReply(status, bytes);
}

QCoro::Task<Result<QByteArray>> HttpTransport::download(QUrl url, QString bearerToken)
{
    if (m_closing)
        co_return cancelledError();
    const QUrl resolved = m_baseUrl.resolved(url);
    const bool ours = resolved.scheme() == m_baseUrl.scheme() && resolved.host() == m_baseUrl.host()
        && resolved.port() == m_baseUrl.port();
    const QNetworkRequest request =
        makeRequest(resolved, ours ? bearerToken : QString(), false, m_timeout);
    QNetworkReply *reply = m_network.get(request);
    QPointer<QNetworkReply> guard(reply);
    co_await reply;
    if (!guard)
        co_return unreachableError();
    reply->deleteLater();
    if (m_closing)
        co_return cancelledError();
    const QByteArray bytes = reply->readAll();
    if (std::optional<Error> failure = failureOf(reply, bytes))
        co_return *failure;
    co_return bytes;
}

} // namespace Confab::Client
