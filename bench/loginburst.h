#pragma once

#include "bench/benchhttpconnection.h"
#include "bench/latencyhistogram.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>

namespace Confab::Bench {

/// A burst of password sign-ins (`POST /api/auth/login`), all asked for at once and
/// pipelined over a few keep-alive connections, as when an office arrives in the morning.
class LoginBurst : public QObject
{
    Q_OBJECT
public:
    LoginBurst(quint16 port, int connections, QObject *parent = nullptr);

    void start(const QStringList &usernames, const QString &password);
    bool isFinished() const { return m_finished; }
    QJsonObject summary() const;

signals:
    void finished();

private:
    QList<BenchHttpConnection *> m_connections;
    LatencyHistogram m_latency;
    qint64 m_startNs = 0;
    qint64 m_lastAnswerNs = 0;
    int m_outstanding = 0;
    int m_succeeded = 0;
    int m_failed = 0;
    QString m_firstError;
    bool m_finished = false;
};

} // namespace Confab::Bench
