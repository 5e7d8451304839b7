#pragma once

#include "server/core/storage/sqlcontext.h"

#include "common/result.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace Confab::Bench {

/// A throw-away database for one scenario, brought to the server's schema by the server's own
/// migrations and filled straight through SQL. Seeding this way is load setup, not
/// measurement: registering 10,000 users through the API would spend ~56 ms of Argon2 each.
/// SQLite: a file in a temporary directory. PostgreSQL: a new database made through an
/// administrative URL (a role with CREATEDB), dropped again by the destructor.
class BenchDatabase
{
public:
    ~BenchDatabase();

    /// `kind` is "sqlite" or "postgres"; `postgresAdminUrl` is used for the latter.
    static Result<std::unique_ptr<BenchDatabase>> create(
        const QString &kind, const QString &postgresAdminUrl, const QString &workDirectory);

    QString url() const { return m_url; }
    Server::SqlDialect dialect() const { return m_context.dialect; }

    /// Adds `count` users named `<prefix><n>` (display name `Bench <prefix> <n>`) with one
    /// shared password hash; returns their ids in order.
    Result<QList<qint64>> addUsers(int count, const QString &prefix, const QString &passwordHash);
    /// One user named `<prefix>1` who administers the server (may read GET /api/admin/stats);
    /// returns its id.
    Result<qint64> addAdministrator(const QString &prefix, const QString &passwordHash);
    /// A group with these members (the first one its admin); returns its id.
    Result<qint64> addGroup(const QString &title, const QList<qint64> &members);
    /// A direct conversation between two users; returns its id.
    Result<qint64> addDirect(qint64 userA, qint64 userB);
    /// A fresh refresh token for the user, stored (as its hash) the way the server stores the
    /// ones it hands out; each is good for one refresh.
    Result<QString> addRefreshToken(qint64 userId);
    /// `count` messages in the conversation, alternating between the two senders, oldest first;
    /// returns the id of the oldest.
    Result<qint64> addMessages(qint64 conversationId, qint64 senderA, qint64 senderB, int count);
    /// Ends the seeding connection; the server gets the database to itself.
    void close();
    /// Which of these message ids are stored (opens a connection of its own).
    Result<QSet<qint64>> storedMessageIds(const QList<qint64> &ids);

private:
    BenchDatabase() = default;
    Result<void> exec(const QString &sql, const QVariantList &values = {});
    Result<void> runAdmin(const QString &sql);

    Server::SqlContext m_context;
    bool m_open = false;
    QString m_url;
    QString m_adminUrl;
    QString m_postgresName;
    std::unique_ptr<QTemporaryDir> m_directory;
};

} // namespace Confab::Bench
