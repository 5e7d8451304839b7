#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUrl>

namespace Confab::Testing {

/// A reply as a test sees it.
struct ApiReply
{
    int status = 0; ///< 0 when no HTTP reply came (connection refused, timeout)
    QByteArray body;
    QJsonObject json;
    QList<QPair<QByteArray, QByteArray>> headers;

    QString errorCode() const;
    QByteArray header(const QByteArray &name) const;
};

/// Talks to a real server over HTTP on 127.0.0.1, one request at a time (the test waits).
class ApiClient
{
public:
    explicit ApiClient(QUrl baseUrl)
        : m_baseUrl(std::move(baseUrl))
    { }

    ApiReply get(const QString &path, const QString &token = {});
    ApiReply post(const QString &path, const QJsonObject &body, const QString &token = {});
    ApiReply postRaw(const QString &path, const QByteArray &body, const QString &token = {});
    ApiReply send(const QByteArray &method, const QString &path, const QByteArray &body,
        const QString &token = {});
    /// As send(), with extra header fields; a Content-Type among them replaces the JSON one.
    ApiReply send(const QByteArray &method, const QString &path, const QByteArray &body,
        const QString &token, const QList<QPair<QByteArray, QByteArray>> &headers);

    QUrl baseUrl() const { return m_baseUrl; }
    /// Over HTTPS, trusts exactly the certificate with this SHA-256 fingerprint (AB:CD:…), as a
    /// client that pinned a self-signed server does; others fail with status 0.
    void setPinnedFingerprint(const QString &fingerprint) { m_pinnedFingerprint = fingerprint; }

private:
    QUrl m_baseUrl;
    QString m_pinnedFingerprint;
    QNetworkAccessManager m_network;
};

} // namespace Confab::Testing
