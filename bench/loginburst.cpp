#include "bench/loginburst.h"

#include "bench/monotonicclock.h"

#include <QJsonDocument>

#include <cmath>

namespace Confab::Bench {

LoginBurst::LoginBurst(quint16 port, int connections, QObject *parent)
    : QObject(parent)
{
    for (int i = 0; i < connections; ++i)
        m_connections.append(new BenchHttpConnection(QHostAddress::LocalHost, port, {}, this));
}

void LoginBurst::start(const QStringList &usernames, const QString &password)
{
    m_startNs = monotonicNs();
    m_outstanding = int(usernames.size());
    for (int i = 0; i < usernames.size(); ++i) {
        const QByteArray body = QJsonDocument(
            QJsonObject {{QStringLiteral("username"), usernames[i]},
                {QStringLiteral("password"),
                    password}}).toJson(QJsonDocument::Compact);
        BenchHttpReply *reply =
            m_connections[i % m_connections.size()]->send("POST", "/api/auth/login", {}, body);
        connect(reply, &BenchHttpReply::finished, this, [this, reply] {
            m_lastAnswerNs = monotonicNs();
            if (reply->status() == 200 && reply->body().contains("\"accessToken\"")) {
                ++m_succeeded;
                m_latency.add(reply->latencyNs() / 1000);
            } else {
                ++m_failed;
                if (m_firstError.isEmpty()) {
                    m_firstError = QStringLiteral("HTTP %1 %2")
                                       .arg(reply->status())
                                       .arg(QString::fromUtf8(reply->body().left(200)));
                }
            }
            reply->deleteLater();
            if (--m_outstanding == 0) {
                m_finished = true;
                emit finished();
            }
        });
    }
    if (usernames.isEmpty()) {
        m_finished = true;
        emit finished();
    }
}

QJsonObject LoginBurst::summary() const
{
    const double seconds = double(m_lastAnswerNs - m_startNs) / 1e9;
    return QJsonObject {{QStringLiteral("succeeded"), m_succeeded},
        {QStringLiteral("failed"), m_failed}, {QStringLiteral("firstError"), m_firstError},
        {QStringLiteral("seconds"), std::round(seconds * 1000) / 1000},
        {QStringLiteral("signInsPerSecond"),
            seconds > 0 ? std::round(10 * m_succeeded / seconds) / 10 : 0.0},
        {QStringLiteral("latency"), m_latency.summaryMs()}};
}

} // namespace Confab::Bench
