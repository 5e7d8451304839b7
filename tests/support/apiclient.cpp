#include "tests/support/apiclient.h"

#include "tests/support/certificatefingerprint.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>

namespace Confab::Testing {

QString ApiReply::errorCode() const
{
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

QByteArray ApiReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ApiReply ApiClient::get(const QString &path, const QString &token)
{
    return send(QByteArrayLiteral("GET"), path, {}, token);
}

ApiReply ApiClient::post(const QString &path, const QJsonObject &body, const QString &token)
{
    return send(
        QByteArrayLiteral("POST"), path, QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

ApiReply ApiClient::postRaw(const QString &path, const QByteArray &body, const QString &token)
{
    return send(QByteArrayLiteral("POST"), path, body, token);
}

ApiReply ApiClient::send(
    const QByteArray &method, const QString &path, const QByteArray &body, const QString &token)
{
    return send(method, path, body, token, {});
}

ApiReply ApiClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
    const QString &token, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QUrl url = m_baseUrl;
    const qsizetype question = path.indexOf(QLatin1Char('?'));
    url.setPath(question < 0 ? path : path.left(question));
    if (question >= 0)
        url.setQuery(path.mid(question + 1));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + token.toUtf8());
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    auto *buffer = new QBuffer();
    buffer->setData(body);
    buffer->open(QIODevice::ReadOnly);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, buffer);
    buffer->setParent(reply);
    if (!m_pinnedFingerprint.isEmpty()) {
        QObject::connect(reply, &QNetworkReply::sslErrors, reply,
            [reply, pinned = m_pinnedFingerprint](const QList<QSslError> &) {
                if (certificateFingerprint(reply->sslConfiguration().peerCertificate()) == pinned)
                    reply->ignoreSslErrors();
            });
    }
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(30000);
    ApiReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

} // namespace Confab::Testing
