#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <chrono>

namespace Confab::Server {

/// Counts failed sign-ins per username: more than `maxFailures` within `window` and further
/// attempts are refused until the oldest failure leaves the window.
class LoginThrottle
{
public:
    explicit LoginThrottle(
        int maxFailures = 10, std::chrono::seconds window = std::chrono::minutes(5));

    /// Seconds to wait before trying again; 0 when an attempt is allowed now.
    qint64 retryAfter(const QString &username, const QDateTime &now);
    void recordFailure(const QString &username, const QDateTime &now);
    void recordSuccess(const QString &username);

private:
    QList<QDateTime> &recentFailures(const QString &key, const QDateTime &now);

    int m_maxFailures;
    std::chrono::seconds m_window;
    QHash<QString, QList<QDateTime>> m_failures;
};

} // namespace Confab::Server
