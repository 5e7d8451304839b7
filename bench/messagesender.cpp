#include "bench/messagesender.h"

#include "bench/monotonicclock.h"

#include <cmath>

namespace Confab::Bench {

namespace {
// Unanswered requests one connection may hold before the sender counts itself behind.
constexpr int kMaxPipelined = 64;
} // namespace

MessageSender::MessageSender(
    quint16 port, QList<SenderGroup> groups, int connections, QObject *parent)
    : QObject(parent)
    , m_groups(std::move(groups))
{
    for (int i = 0; i < connections; ++i) {
        m_connections.append(
            new BenchHttpConnection(QHostAddress::LocalHost, port, QHostAddress(), this));
    }
    m_accepted.fill(0, m_groups.size());
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(2);
    connect(&m_timer, &QTimer::timeout, this, &MessageSender::tick);
}

void MessageSender::start(double messagesPerSecond, double seconds)
{
    m_rate = messagesPerSecond;
    m_seconds = seconds;
    m_sending = true;
    m_firstSendNs = monotonicNs();
    m_clock.start();
    m_timer.start();
    tick();
}

void MessageSender::tick()
{
    const double elapsed = double(m_clock.nsecsElapsed()) / 1e9;
    const qint64 due = qint64(std::floor(qMin(elapsed, m_seconds) * m_rate));
    while (m_sequence < due)
        sendOne();
    if (elapsed >= m_seconds) {
        m_timer.stop();
        m_sending = false;
        maybeFinish();
    }
}

void MessageSender::sendOne()
{
    const qint64 sequence = m_sequence++;
    const int groupIndex = int(sequence % m_groups.size());
    const SenderGroup &group = m_groups[groupIndex];
    const QByteArray &token =
        group.memberTokens[int((sequence / m_groups.size()) % group.memberTokens.size())];
    BenchHttpConnection *connection = m_connections[int(sequence % m_connections.size())];
    if (connection->pending() >= kMaxPipelined) {
        ++m_behind;
        return;
    }
    const QByteArray body = "{\"content\":\"bench:" + QByteArray::number(monotonicNs()) + ':'
        + QByteArray::number(sequence) + "\"}";
    BenchHttpReply *reply = connection->send("POST",
        "/api/conversations/" + QByteArray::number(group.conversationId) + "/messages", token,
        body);
    ++m_outstanding;
    connect(reply, &BenchHttpReply::finished, this, [this, reply, groupIndex] {
        --m_outstanding;
        m_lastAnswerNs = monotonicNs();
        if (reply->status() == 201) {
            ++m_accepted[groupIndex];
            m_commitLatency.add(reply->latencyNs() / 1000);
            if (m_keepIds) {
                // The answer is the stored Message; its "id" key is the first with that name.
                const QByteArray &body = reply->body();
                const qsizetype at = body.indexOf("\"id\":");
                if (at >= 0) {
                    qsizetype end = at + 5;
                    while (end < body.size() && body[end] >= '0' && body[end] <= '9')
                        ++end;
                    m_storedIds.append(body.mid(at + 5, end - at - 5).toLongLong());
                }
            }
        } else {
            ++m_errors;
            if (m_firstError.isEmpty()) {
                m_firstError = QStringLiteral("HTTP %1 %2")
                                   .arg(reply->status())
                                   .arg(QString::fromUtf8(reply->body().left(200)));
            }
        }
        reply->deleteLater();
        maybeFinish();
    });
}

void MessageSender::maybeFinish()
{
    if (m_finished || m_sending || m_outstanding > 0)
        return;
    m_finished = true;
    emit finished();
}

QJsonObject MessageSender::summary() const
{
    qint64 accepted = 0;
    for (qint64 count : m_accepted)
        accepted += count;
    const double seconds = double(m_lastAnswerNs - m_firstSendNs) / 1e9;
    return QJsonObject {{QStringLiteral("attempted"), double(m_sequence)},
        {QStringLiteral("stored"), double(accepted)}, {QStringLiteral("errors"), double(m_errors)},
        {QStringLiteral("behind"), double(m_behind)}, {QStringLiteral("firstError"), m_firstError},
        {QStringLiteral("storedPerSecond"),
            seconds > 0 ? std::round(double(accepted) / seconds) : 0.0},
        {QStringLiteral("postLatency"), m_commitLatency.summaryMs()}};
}

} // namespace Confab::Bench
