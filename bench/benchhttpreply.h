#pragma once

#include <QByteArray>
#include <QObject>

namespace Confab::Bench {

/// One request on a BenchHttpConnection and, once finished(), its answer. Status 0 means the
/// connection failed before the answer came.
class BenchHttpReply : public QObject
{
    Q_OBJECT
public:
    explicit BenchHttpReply(qint64 startedNs, QObject *parent = nullptr)
        : QObject(parent)
        , m_startedNs(startedNs)
    { }

    bool isFinished() const { return m_finished; }
    int status() const { return m_status; }
    const QByteArray &body() const { return m_body; }
    /// From writing the request to reading the whole answer.
    qint64 latencyNs() const { return m_finishedNs - m_startedNs; }

    void finish(int status, QByteArray body, qint64 finishedNs)
    {
        m_status = status;
        m_body = std::move(body);
        m_finishedNs = finishedNs;
        m_finished = true;
        emit finished();
    }

signals:
    void finished();

private:
    qint64 m_startedNs;
    qint64 m_finishedNs = 0;
    int m_status = 0;
    QByteArray m_body;
    bool m_finished = false;
};

} // namespace Confab::Bench
