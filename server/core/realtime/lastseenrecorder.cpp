#include "server/core/realtime/lastseenrecorder.h"

#include "server/core/storage/database.h"

#include <QLoggingCategory>
#include <QPointer>

Q_DECLARE_LOGGING_CATEGORY(lcRealtime)

namespace Confab::Server {

LastSeenRecorder::LastSeenRecorder(
    Database &database, std::chrono::milliseconds delay, QObject *parent)
    : QObject(parent)
    , m_database(database)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(delay);
    connect(&m_timer, &QTimer::timeout, this, &LastSeenRecorder::flush);
}

void LastSeenRecorder::record(qint64 userId, const QDateTime &at)
{
    QDateTime &slot = m_recorded[userId];
    if (!slot.isValid() || slot < at)
        slot = at;
    if (!m_timer.isActive())
        m_timer.start();
}

std::optional<QDateTime> LastSeenRecorder::pending(qint64 userId) const
{
    const auto recorded = m_recorded.constFind(userId);
    if (recorded != m_recorded.constEnd())
        return *recorded;
    const auto writing = m_writing.constFind(userId);
    if (writing != m_writing.constEnd())
        return *writing;
    return std::nullopt;
}

void LastSeenRecorder::flush()
{
    m_timer.stop();
    if (m_recorded.isEmpty())
        return;
    QHash<qint64, QDateTime> batch = std::exchange(m_recorded, {});
    for (auto it = batch.cbegin(); it != batch.cend(); ++it)
        m_writing.insert(it.key(), it.value());
    write(std::move(batch));
}

QCoro::Task<> LastSeenRecorder::write(QHash<qint64, QDateTime> batch)
{
    QPointer<LastSeenRecorder> self(this);
    auto recordTask = m_database.run<void>(
        [batch](Storage &storage) { return storage.users().recordLastSeen(batch); });
    Result<void> recorded = co_await recordTask;
    if (!recorded)
        qCWarning(lcRealtime) << "could not record last seen times:" << recorded.error().message;
    if (!self)
        co_return;
    // A newer time recorded meanwhile is still to be written: only these leave the overlay.
    for (auto it = batch.cbegin(); it != batch.cend(); ++it) {
        const auto writing = m_writing.constFind(it.key());
        if (writing != m_writing.constEnd() && *writing == it.value())
            m_writing.erase(writing);
    }
}

} // namespace Confab::Server
