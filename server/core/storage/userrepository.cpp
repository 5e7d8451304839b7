#include "server/core/storage/userrepository.h"

#include "server/core/storage/cachedquery.h"
#include "server/core/storage/rowreaders.h"
#include "server/core/storage/sqltransaction.h"
#include "server/core/storage/sqlutil.h"

#include "common/timeformat.h"

namespace Confab::Server {

namespace {

Error usernameTaken(const QString &username)
{
    return conflict(QStringLiteral("username_taken"),
        QStringLiteral("The username \"%1\" is already taken.").arg(username));
}

// LIKE treats % and _ as wildcards; the prefix is matched literally with '\' as escape.
QString likePrefix(const QString &prefix)
{
    QString escaped;
    escaped.reserve(prefix.size() + 1);
    for (const QChar c : prefix) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('%') || c == QLatin1Char('_'))
            escaped += QLatin1Char('\\');
        escaped += c;
    }
    return escaped + QLatin1Char('%');
}

} // namespace

Result<User> UserRepository::create(const NewUser &user)
{
    SqlTransaction transaction(m_context);
    if (Result<void> begun = transaction.begin(); !begun)
        return begun.error();
    Result<User> created = insert(user);
    if (!created)
        return created.error();
    if (Result<void> committed = transaction.commit(); !committed)
        return committed.error();
    return created;
}

Result<User> UserRepository::insert(const NewUser &user)
{
    const QString key = user.username.toLower();
    {
        QSqlQuery query(m_context.db);
        if (Result<void> ran =
                Sql::exec(query, QStringLiteral("SELECT 1 FROM users WHERE username_key = ?"),
                    {key}, "checking a username");
            !ran)
            return ran.error();
        if (query.next())
            return usernameTaken(user.username);
    }
    qint64 id = 0;
    {
        QSqlQuery query(m_context.db);
        Result<void> ran = Sql::exec(query,
            QStringLiteral("INSERT INTO users (username, username_key, display_name, "
                           "password_hash, created_at, is_admin) VALUES (?, ?, ?, ?, ?, ?) "
                           "RETURNING id"),
            {user.username, key, user.displayName, user.passwordHash, Sql::toMs(user.createdAt),
                user.isAdmin ? 1 : 0},
            "inserting a user");
        // The pre-check cannot see a concurrent insert that has not committed yet; the
        // UNIQUE constraint on username_key can.
        if (!ran && Sql::isUniqueViolation(query.lastError()))
            return usernameTaken(user.username);
        if (!ran)
            return ran.error();
        if (!query.next())
            return Sql::failure(query.lastError(), "reading a new user's id");
        id = query.value(0).toLongLong();
    }

    User created;
    created.id = id;
    created.username = user.username;
    created.displayName = user.displayName;
    created.createdAt = fromEpochMs(Sql::toMs(user.createdAt));
    return created;
}

Result<bool> UserRepository::isAdmin(qint64 userId)
{
    QSqlQuery query(m_context.db);
    if (Result<void> ran =
            Sql::exec(query, QStringLiteral("SELECT is_admin FROM users WHERE id = ?"), {userId},
                "reading the administrator flag");
        !ran)
        return ran.error();
    return query.next() && query.value(0).toInt() == 1;
}

Result<std::optional<StoredCredentials>> UserRepository::findCredentials(const QString &username)
{
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("SELECT id, password_hash FROM users WHERE username_key = ?"),
            {username.toLower()}, "finding credentials");
        !ran)
        return ran.error();
    if (!query.next())
        return std::optional<StoredCredentials>();
    return std::optional<StoredCredentials>(
        StoredCredentials {query.value(0).toLongLong(), query.value(1).toString()});
}

Result<std::optional<User>> UserRepository::findById(qint64 id)
{
    CachedQuery query(m_context,
        QStringLiteral("SELECT ") + Rows::userColumns(QLatin1String("u"))
            + QStringLiteral(" FROM users u WHERE u.id = ?"));
    if (Result<void> ran = query.exec({id}, "finding a user"); !ran)
        return ran.error();
    if (!query->next())
        return std::optional<User>();
    return std::optional<User>(Rows::readUser(*query, 0));
}

Result<QList<User>> UserRepository::findByIds(const QList<qint64> &ids)
{
    QList<User> users;
    if (ids.isEmpty())
        return users;
    QVariantList values;
    for (qint64 id : ids)
        values << id;
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("SELECT ") + Rows::userColumns(QLatin1String("u"))
                + QStringLiteral(" FROM users u WHERE u.id IN (") + Sql::placeholders(ids.size())
                + QLatin1Char(')'),
            values, "finding users");
        !ran)
        return ran.error();
    while (query.next())
        users << Rows::readUser(query, 0);
    return users;
}

Result<QList<User>> UserRepository::listAll()
{
    QList<User> users;
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("SELECT ") + Rows::userColumns(QLatin1String("u"))
                + QStringLiteral(" FROM users u ORDER BY u.username_key"),
            {}, "listing users");
        !ran)
        return ran.error();
    while (query.next())
        users << Rows::readUser(query, 0);
    return users;
}

Result<QList<User>> UserRepository::search(const QString &prefix, int limit)
{
    const QString pattern = likePrefix(prefix.toLower());
    QSqlQuery query(m_context.db);
    if (Result<void> ran = Sql::exec(query,
            QStringLiteral("SELECT ") + Rows::userColumns(QLatin1String("u"))
                + QStringLiteral(" FROM users u WHERE u.username_key LIKE ? ESCAPE '\\' OR "
                                 "lower(u.display_name) LIKE ? ESCAPE '\\' ORDER BY "
                                 "u.username_key LIMIT ?"),
            {pattern, pattern, qMax(0, limit)}, "searching users");
        !ran)
        return ran.error();
    QList<User> users;
    while (query.next())
        users << Rows::readUser(query, 0);
    return users;
}

Result<qint64> UserRepository::count()
{
    QSqlQuery query(m_context.db);
    if (Result<void> ran =
            Sql::exec(query, QStringLiteral("SELECT COUNT(*) FROM users"), {}, "counting users");
        !ran)
        return ran.error();
    if (!query.next())
        return Sql::failure(query.lastError(), "counting users");
    return query.value(0).toLongLong();
}

Result<void> UserRepository::recordLastSeen(const QHash<qint64, QDateTime> &times)
{
    if (times.isEmpty())
        return {};
    SqlTransaction transaction(m_context);
    if (Result<void> begun = transaction.begin(); !begun)
        return begun;
    QSqlQuery query(m_context.db);
    if (!query.prepare(QStringLiteral("UPDATE users SET last_seen_at = ? WHERE id = ? AND "
                                      "(last_seen_at IS NULL OR last_seen_at < ?)")))
        return Sql::failure(query.lastError(), "recording last seen times");
    for (auto it = times.cbegin(); it != times.cend(); ++it) {
        const qint64 ms = Sql::toMs(it.value());
        query.addBindValue(ms);
        query.addBindValue(it.key());
        query.addBindValue(ms);
        if (!query.exec())
            return Sql::failure(query.lastError(), "recording last seen times");
    }
    return transaction.commit();
}

Result<void> UserRepository::setProfile(
    qint64 userId, const QString &displayName, const QString &bio, const QString &profilePictureUrl)
{
    // A null QString binds as SQL NULL; these columns hold "" for "not set".
    const auto text = [](const QString &value) {
        return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
    };
    QSqlQuery query(m_context.db);
    return Sql::exec(query,
        QStringLiteral("UPDATE users SET display_name = ?, bio = ?, profile_picture_url = ? "
                       "WHERE id = ?"),
        {text(displayName), text(bio), text(profilePictureUrl), userId}, "updating a profile");
}

Result<std::optional<QString>> UserRepository::findPasswordHash(qint64 userId)
{
    QSqlQuery query(m_context.db);
    if (Result<void> ran =
            Sql::exec(query, QStringLiteral("SELECT password_hash FROM users WHERE id = ?"),
                {userId}, "reading a password hash");
        !ran)
        return ran.error();
    if (!query.next())
        return std::optional<QString>();
    return std::optional<QString>(query.value(0).toString());
}

Result<void> UserRepository::setPasswordHash(qint64 userId, const QString &passwordHash)
{
    QSqlQuery query(m_context.db);
    return Sql::exec(query, QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"),
        {passwordHash, userId}, "changing a password");
}

} // namespace Confab::Server
