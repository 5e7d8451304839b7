#pragma once

#include <QCoroTask>
#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <optional>

namespace Confab::Server {

class Database;

/// Stores users' last-seen times in batches. Every user coming online or going offline has
/// a time to store; one durable write each would make a connection storm (a server restart,
/// a network blip) a storm of commits. Times recorded within `delay` go to the database in
/// one transaction. Until that has committed, pending() answers for them, so whoever reads a
/// user (applyPresence) never sees an older time than PRESENCE announced.
class LastSeenRecorder : public QObject
{
    Q_OBJECT
public:
    LastSeenRecorder(
        Database &database, std::chrono::milliseconds delay, QObject *parent = nullptr);

    void record(qint64 userId, const QDateTime &at);
    /// The newest time recorded for `userId` that may not be in the database yet.
    std::optional<QDateTime> pending(qint64 userId) const;
    /// Hands everything recorded to the database now (at shutdown: the database finishes
    /// queued jobs before it closes).
    void flush();

private:
    QCoro::Task<> write(QHash<qint64, QDateTime> batch);

    Database &m_database;
    QHash<qint64, QDateTime> m_recorded; ///< not yet handed to the database
    QHash<qint64, QDateTime> m_writing; ///< handed over, not known to be committed
    QTimer m_timer;
};

} // namespace Confab::Server
