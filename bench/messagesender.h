#pragma once

#include "bench/benchhttpconnection.h"
#include "bench/latencyhistogram.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTimer>

namespace Confab::Bench {

/// A group the sender posts into: its id and its members' access tokens.
struct SenderGroup
{
    qint64 conversationId = 0;
    QList<QByteArray> memberTokens;
};

/// Posts messages through the REST API at a fixed aggregate rate, round-robin over the groups
/// and, within a group, over its members. Each message carries its send time (monotonic ns),
/// from which receivers compute send-to-delivery latency. Requests are pipelined over a few
/// keep-alive connections; when the server falls so far behind that a connection holds too
/// many unanswered requests, the message is not sent and counted as `behind`.
class MessageSender : public QObject
{
    Q_OBJECT
public:
    MessageSender(
        quint16 port, QList<SenderGroup> groups, int connections, QObject *parent = nullptr);

    void start(double messagesPerSecond, double seconds);
    /// Also remember the id of every stored message (for durability checks).
    void keepStoredIds() { m_keepIds = true; }
    const QList<qint64> &storedIds() const { return m_storedIds; }
    bool isFinished() const { return m_finished; }
    /// Messages the server stored (201), per group in the order given.
    const QList<qint64> &acceptedPerGroup() const { return m_accepted; }
    qint64 firstSendNs() const { return m_firstSendNs; }
    QJsonObject summary() const;

signals:
    void finished();

private:
    void tick();
    void sendOne();
    void maybeFinish();

    QList<SenderGroup> m_groups;
    QList<BenchHttpConnection *> m_connections;
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_rate = 0;
    double m_seconds = 0;
    qint64 m_sequence = 0;
    qint64 m_outstanding = 0;
    qint64 m_errors = 0;
    qint64 m_behind = 0;
    qint64 m_firstSendNs = 0;
    qint64 m_lastAnswerNs = 0;
    bool m_sending = false;
    bool m_finished = false;
    QString m_firstError;
    QList<qint64> m_accepted;
    bool m_keepIds = false;
    QList<qint64> m_storedIds;
    LatencyHistogram m_commitLatency;
};

} // namespace Confab::Bench
