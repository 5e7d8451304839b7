#pragma once

#include "tests/support/apiclient.h"

#include <QList>
#include <QNetworkAccessManager>
#include <QUrl>

#include <memory>
#include <vector>

namespace Confab::Testing {

/// Posts many requests to a real server at once, without waiting for each: the requests are
/// spread over several network managers (each keeps up to six connections to a host), so that
/// dozens are in flight together. Replies are collected in the order the requests were made.
class ParallelPoster
{
public:
    explicit ParallelPoster(QUrl baseUrl, int managers = 8);

    /// Starts a POST; returns its index among this poster's requests.
    int post(const QString &path, const QJsonObject &body, const QString &token);
    /// Whether request `index` has been answered (or has failed: status 0).
    bool isFinished(int index) const { return m_finished.at(index); }
    const ApiReply &reply(int index) const { return m_replies.at(index); }
    int count() const { return int(m_replies.size()); }
    /// Runs the event loop until every request has finished; false after `timeoutMs`.
    bool waitForAll(int timeoutMs = 60000);

private:
    QUrl m_baseUrl;
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
    QList<ApiReply> m_replies;
    QList<bool> m_finished;
    int m_finishedCount = 0;
};

} // namespace Confab::Testing
