#include "bench/benchdatabase.h"

#include "server/core/auth/refreshtoken.h"
#include "server/core/storage/connectionfactory.h"
#include "server/core/storage/migrator.h"
#include "server/core/storage/refreshtokenrepository.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace Confab::Bench {

namespace {

QString quoted(QString text)
{
    return QLatin1Char('\'') + text.replace(QLatin1Char('\''), QStringLiteral("''"))
        + QLatin1Char('\'');
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

BenchDatabase::~BenchDatabase()
{
    close();
    if (!m_postgresName.isEmpty()) {
        const Result<void> dropped =
            runAdmin(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_postgresName));
        if (!dropped)
            qWarning("confab-bench: %s", qPrintable(dropped.error().message));
    }
}

Result<std::unique_ptr<BenchDatabase>> BenchDatabase::create(
    const QString &kind, const QString &postgresAdminUrl, const QString &workDirectory)
{
    std::unique_ptr<BenchDatabase> database(new BenchDatabase);
    if (kind == QLatin1String("sqlite")) {
        database->m_directory =
            std::make_unique<QTemporaryDir>(workDirectory + QStringLiteral("/db-XXXXXX"));
        if (!database->m_directory->isValid())
            return internalError(
                QStringLiteral("cannot make a directory under %1").arg(workDirectory));
        database->m_url =
            QStringLiteral("sqlite:") + database->m_directory->filePath(QStringLiteral("bench.db"));
    } else if (kind == QLatin1String("postgres")) {
        if (postgresAdminUrl.isEmpty())
            return internalError(
                QStringLiteral("PostgreSQL needs --postgres-url (a role with CREATEDB)"));
        static int counter = 0;
        database->m_adminUrl = postgresAdminUrl;
        const QString name = QStringLiteral("confab_bench_%1_%2")
                                 .arg(QCoreApplication::applicationPid())
                                 .arg(++counter);
        const Result<void> created = database->runAdmin(QStringLiteral("CREATE DATABASE ") + name);
        if (!created)
            return created.error();
        database->m_postgresName = name;
        QUrl url(postgresAdminUrl);
        url.setPath(QLatin1Char('/') + name);
        database->m_url = url.toString();
    } else {
        return internalError(QStringLiteral("unknown database %1 (sqlite or postgres)").arg(kind));
    }

    Result<Server::DatabaseConfig> config = Server::DatabaseConfig::fromUrl(database->m_url);
    if (!config)
        return config.error();
    Result<Server::SqlContext> context =
        Server::openConnection(*config, Server::uniqueConnectionName(QStringLiteral("bench")));
    if (!context)
        return context.error();
    database->m_context = *context;
    database->m_open = true;
    Server::Migrator migrator(database->m_context);
    const Result<int> migrated = migrator.migrate();
    if (!migrated)
        return migrated.error();
    return database;
}

Result<void> BenchDatabase::runAdmin(const QString &sql)
{
    Result<Server::DatabaseConfig> config = Server::DatabaseConfig::fromUrl(m_adminUrl);
    if (!config)
        return config.error();
    Result<Server::SqlContext> admin = Server::openConnection(
        *config, Server::uniqueConnectionName(QStringLiteral("bench-admin")));
    if (!admin)
        return admin.error();
    QString failure;
    {
        QSqlQuery query(admin->db);
        if (!query.exec(sql))
            failure = QStringLiteral("%1: %2").arg(sql, query.lastError().text());
    }
    Server::closeConnection(std::move(*admin));
    if (!failure.isEmpty())
        return internalError(failure);
    return {};
}

Result<void> BenchDatabase::exec(const QString &sql, const QVariantList &values)
{
    QSqlQuery query(m_context.db);
    if (values.isEmpty()) {
        if (!query.exec(sql))
            return internalError(
                QStringLiteral("%1: %2").arg(sql.left(120), query.lastError().text()));
        return {};
    }
    if (!query.prepare(sql))
        return internalError(QStringLiteral("%1: %2").arg(sql.left(120), query.lastError().text()));
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return internalError(QStringLiteral("%1: %2").arg(sql.left(120), query.lastError().text()));
    return {};
}

Result<QList<qint64>> BenchDatabase::addUsers(
    int count, const QString &prefix, const QString &passwordHash)
{
    // One statement makes every row: a recursive counter works in both dialects.
    const Result<void> inserted = exec(QStringLiteral(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
        "INSERT INTO users (username, username_key, display_name, password_hash, "
        "created_at) SELECT %2 || i, %2 || i, 'Bench ' || %2 || ' ' || i, %3, %4 FROM n")
                                           .arg(count)
                                           .arg(quoted(prefix), quoted(passwordHash))
                                           .arg(nowMs()));
    if (!inserted)
        return inserted.error();
    QSqlQuery query(m_context.db);
    if (!query.exec(QStringLiteral("SELECT id FROM users WHERE username LIKE %1 ORDER BY id")
                        .arg(quoted(prefix + QLatin1Char('%')))))
        return internalError(query.lastError().text());
    QList<qint64> ids;
    ids.reserve(count);
    while (query.next())
        ids.append(query.value(0).toLongLong());
    if (ids.size() != count)
        return internalError(
            QStringLiteral("expected %1 users, found %2").arg(count).arg(ids.size()));
    return ids;
}

Result<qint64> BenchDatabase::addAdministrator(const QString &prefix, const QString &passwordHash)
{
    Result<QList<qint64>> users = addUsers(1, prefix, passwordHash);
    if (!users)
        return users.error();
    const qint64 id = users->constFirst();
    if (Result<void> made =
            exec(QStringLiteral("UPDATE users SET is_admin = 1 WHERE id = ?"), {id});
        !made)
        return made.error();
    return id;
}

Result<qint64> BenchDatabase::addGroup(const QString &title, const QList<qint64> &members)
{
    const qint64 now = nowMs();
    QSqlQuery query(m_context.db);
    if (!query.exec(
            QStringLiteral("INSERT INTO conversations (type, title, created_at, updated_at) "
                           "VALUES ('group', %1, %2, %2) RETURNING id")
                .arg(quoted(title))
                .arg(now))
        || !query.next())
        return internalError(query.lastError().text());
    const qint64 conversationId = query.value(0).toLongLong();
    constexpr int kRowsPerStatement = 500;
    for (int start = 0; start < members.size(); start += kRowsPerStatement) {
        QStringList rows;
        for (int i = start; i < qMin(members.size(), start + kRowsPerStatement); ++i) {
            rows.append(QStringLiteral("(%1, %2, '%3', %4)")
                            .arg(conversationId)
                            .arg(members[i])
                            .arg(i == 0 ? QLatin1String("admin") : QLatin1String("member"))
                            .arg(now));
        }
        const Result<void> inserted =
            exec(QStringLiteral(
                     "INSERT INTO participants (conversation_id, user_id, role, joined_at) VALUES ")
                + rows.join(QLatin1Char(',')));
        if (!inserted)
            return inserted.error();
    }
    return conversationId;
}

Result<qint64> BenchDatabase::addDirect(qint64 userA, qint64 userB)
{
    const qint64 now = nowMs();
    // The server's key for the pair: the smaller id first.
    const QString key = QStringLiteral("%1:%2").arg(qMin(userA, userB)).arg(qMax(userA, userB));
    QSqlQuery query(m_context.db);
    if (!query.exec(QStringLiteral("INSERT INTO conversations (type, direct_key, created_at, "
                                   "updated_at) VALUES ('direct', %1, %2, %2) RETURNING id")
                        .arg(quoted(key))
                        .arg(now))
        || !query.next())
        return internalError(query.lastError().text());
    const qint64 conversationId = query.value(0).toLongLong();
    const Result<void> inserted =
        exec(QStringLiteral("INSERT INTO participants (conversation_id, user_id, role, joined_at) "
                            "VALUES (%1, %2, 'member', %4), (%1, %3, 'member', %4)")
                 .arg(conversationId)
                 .arg(userA)
                 .arg(userB)
                 .arg(now));
    if (!inserted)
        return inserted.error();
    return conversationId;
}

Result<QString> BenchDatabase::addRefreshToken(qint64 userId)
{
    const QString token = Server::RefreshToken::generate();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Server::RefreshTokenRepository tokens(m_context);
    const Result<void> inserted = tokens.insert(userId, Server::RefreshToken::hash(token), now,
        now.addSecs(std::chrono::seconds(Server::RefreshToken::kLifetime).count()));
    if (!inserted)
        return inserted.error();
    return token;
}

Result<qint64> BenchDatabase::addMessages(
    qint64 conversationId, qint64 senderA, qint64 senderB, int count)
{
    const qint64 start = nowMs() - count; // one millisecond apart, ending now
    Result<void> done = exec(QStringLiteral(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
        "INSERT INTO messages (conversation_id, sender_id, content, created_at) "
        "SELECT %2, CASE WHEN i % 2 = 0 THEN %3 ELSE %4 END, "
        "'History message number ' || i, %5 + i FROM n")
                                 .arg(count)
                                 .arg(conversationId)
                                 .arg(senderA)
                                 .arg(senderB)
                                 .arg(start));
    if (!done)
        return done.error();
    done =
        exec(QStringLiteral("UPDATE conversations SET last_message_id = (SELECT max(id) FROM "
                            "messages WHERE conversation_id = %1), updated_at = %2 WHERE id = %1")
                 .arg(conversationId)
                 .arg(nowMs()));
    if (!done)
        return done.error();
    QSqlQuery query(m_context.db);
    if (!query.exec(QStringLiteral("SELECT min(id) FROM messages WHERE conversation_id = %1")
                        .arg(conversationId))
        || !query.next())
        return internalError(query.lastError().text());
    return query.value(0).toLongLong();
}

Result<QSet<qint64>> BenchDatabase::storedMessageIds(const QList<qint64> &ids)
{
    Result<Server::DatabaseConfig> config = Server::DatabaseConfig::fromUrl(m_url);
    if (!config)
        return config.error();
    Result<Server::SqlContext> context = Server::openConnection(
        *config, Server::uniqueConnectionName(QStringLiteral("bench-check")));
    if (!context)
        return context.error();
    QSet<qint64> found;
    QString failure;
    {
        constexpr int kPerQuery = 500;
        for (int start = 0; start < ids.size() && failure.isEmpty(); start += kPerQuery) {
            QStringList list;
            for (int i = start; i < qMin(int(ids.size()), start + kPerQuery); ++i)
                list.append(QString::number(ids[i]));
            QSqlQuery query(context->db);
            if (!query.exec(QStringLiteral("SELECT id FROM messages WHERE id IN (%1)")
                                .arg(list.join(QLatin1Char(','))))) {
                failure = query.lastError().text();
                break;
            }
            while (query.next())
                found.insert(query.value(0).toLongLong());
        }
    }
    Server::closeConnection(std::move(*context));
    if (!failure.isEmpty())
        return internalError(failure);
    return found;
}

void BenchDatabase::close()
{
    if (!m_open)
        return;
    m_open = false;
    // PostgreSQL's autovacuum would analyse the seeded rows soon; do it now so that the first
    // measurements see the same plans as later ones.
    if (m_context.dialect == Server::SqlDialect::Postgres) {
        const Result<void> analysed =
            exec(QStringLiteral("ANALYZE users, conversations, participants, messages"));
        if (!analysed)
            qWarning("confab-bench: %s", qPrintable(analysed.error().message));
    }
    Server::closeConnection(std::move(m_context));
}

} // namespace Confab::Bench
