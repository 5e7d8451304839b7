#include "server/core/auth/loginthrottle.h"

namespace Confab::Server {

LoginThrottle::LoginThrottle(int maxFailures, std::chrono::seconds window)
    : m_maxFailures(maxFailures)
    , m_window(window)
{ }

QList<QDateTime> &LoginThrottle::recentFailures(const QString &key, const QDateTime &now)
{
    QList<QDateTime> &failures = m_failures[key];
    const QDateTime cutoff = now.addSecs(-m_window.count());
    while (!failures.isEmpty() && failures.first() <= cutoff)
        failures.removeFirst();
    return failures;
}

qint64 LoginThrottle::retryAfter(const QString &username, const QDateTime &now)
{
    const QString key = username.toLower();
    if (!m_failures.contains(key))
        return 0;
    QList<QDateTime> &failures = recentFailures(key, now);
    if (failures.isEmpty()) {
        m_failures.remove(key);
        return 0;
    }
    if (failures.size() < m_maxFailures)
        return 0;
    const qint64 wait = now.secsTo(failures.first().addSecs(m_window.count()));
    return qMax<qint64>(1, wait);
}

void LoginThrottle::recordFailure(const QString &username, const QDateTime &now)
{
    recentFailures(username.toLower(), now).append(now);
}

void LoginThrottle::recordSuccess(const QString &username)
{
    m_failures.remove(username.toLower());
}

} // namespace Confab::Server
