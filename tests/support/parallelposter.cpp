#include "tests/support/parallelposter.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QTest>

namespace Confab::Testing {

ParallelPoster::ParallelPoster(QUrl baseUrl, int managers)
    : m_baseUrl(std::move(baseUrl))
{
    for (int i = 0; i < managers; ++i)
        m_managers.push_back(std::make_unique<QNetworkAccessManager>());
}

int ParallelPoster::post(const QString &path, const QJsonObject &body, const QString &token)
{
    const int index = int(m_replies.size());
    m_replies.append(ApiReply());
    m_finished.append(false);
    QUrl url = m_baseUrl;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + token.toUtf8());
    QNetworkAccessManager &manager = *m_managers[size_t(index) % m_managers.size()];
    QNetworkReply *reply =
        manager.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply, index] {
        ApiReply &result = m_replies[index];
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.json = QJsonDocument::fromJson(result.body).object();
        result.headers = reply->rawHeaderPairs();
        m_finished[index] = true;
        ++m_finishedCount;
        reply->deleteLater();
    });
    return index;
}

bool ParallelPoster::waitForAll(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_finishedCount == m_replies.size(); }, timeoutMs);
}

} // namespace Confab::Testing
