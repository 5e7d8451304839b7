#include "server/core/storage/migrations.h"

namespace Confab::Server {

namespace {

// Times are BIGINT milliseconds since the epoch in both dialects. SQLite tables are STRICT
// (so a wrong type is an error rather than silently stored) and use AUTOINCREMENT so ids are
// never reused: clients remember message ids as read markers and pagination anchors.
// conversations.last_message_id has no foreign key: it would make a cycle with messages.
Migration initialSchema()
{
    Migration migration;
    migration.version = 1;
    migration.name = QStringLiteral("initial schema");
    migration.sqlite = {
        QStringLiteral(R"(CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL,
    username_key TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    bio TEXT NOT NULL DEFAULT '',
    profile_picture_url TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER
) STRICT)"),
        QStringLiteral(R"(CREATE TABLE conversations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL CHECK (type IN ('direct', 'group')),
    title TEXT NOT NULL DEFAULT '',
    direct_key TEXT UNIQUE,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    last_message_id INTEGER
) STRICT)"),
        QStringLiteral(R"(CREATE TABLE participants (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    joined_at INTEGER NOT NULL,
    last_read_message_id INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id)
) STRICT)"),
        QStringLiteral("CREATE INDEX participants_user_idx ON participants(user_id)"),
        QStringLiteral(R"(CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    sender_id INTEGER NOT NULL REFERENCES users(id),
    content TEXT NOT NULL,
    client_message_id TEXT,
    created_at INTEGER NOT NULL,
    edited_at INTEGER,
    deleted_at INTEGER
) STRICT)"),
        QStringLiteral("CREATE INDEX messages_conversation_idx ON messages(conversation_id, id)"),
        QStringLiteral("CREATE UNIQUE INDEX messages_client_id_idx ON messages(conversation_id, "
                       "sender_id, client_message_id) WHERE client_message_id IS NOT NULL"),
        QStringLiteral(R"(CREATE TABLE refresh_tokens (
    token_hash BLOB PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    revoked_at INTEGER
) STRICT)"),
        QStringLiteral("CREATE INDEX refresh_tokens_user_idx ON refresh_tokens(user_id)"),
    };
    migration.postgres = {
        QStringLiteral(R"(CREATE TABLE users (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username TEXT NOT NULL,
    username_key TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    bio TEXT NOT NULL DEFAULT '',
    profile_picture_url TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT
))"),
        QStringLiteral(R"(CREATE TABLE conversations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type TEXT NOT NULL CHECK (type IN ('direct', 'group')),
    title TEXT NOT NULL DEFAULT '',
    direct_key TEXT UNIQUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    last_message_id BIGINT
))"),
        QStringLiteral(R"(CREATE TABLE participants (
    conversation_id BIGINT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('admin', 'member')),
    joined_at BIGINT NOT NULL,
    last_read_message_id BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id)
))"),
        QStringLiteral("CREATE INDEX participants_user_idx ON participants(user_id)"),
        QStringLiteral(R"(CREATE TABLE messages (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id BIGINT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    sender_id BIGINT NOT NULL REFERENCES users(id),
    content TEXT NOT NULL,
    client_message_id TEXT,
    created_at BIGINT NOT NULL,
    edited_at BIGINT,
    deleted_at BIGINT
))"),
        QStringLiteral("CREATE INDEX messages_conversation_idx ON messages(conversation_id, id)"),
        QStringLiteral("CREATE UNIQUE INDEX messages_client_id_idx ON messages(conversation_id, "
                       "sender_id, client_message_id) WHERE client_message_id IS NOT NULL"),
        QStringLiteral(R"(CREATE TABLE refresh_tokens (
    token_hash BYTEA PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    revoked_at BIGINT
))"),
        QStringLiteral("CREATE INDEX refresh_tokens_user_idx ON refresh_tokens(user_id)"),
    };
    return migration;
}

// Message management. messages.changed_at orders edits and deletions for the changes feed;
// conversations.last_change_at hands out those stamps strictly increasing per conversation
// (taken under the conversation's row lock), so no two changes of a conversation share one
// and a reader can never see a later change before an earlier one commits.
// PostgreSQL keeps the old version of an updated row until VACUUM: with these thresholds,
// autovacuum removes the versions that erased or edited text left behind after ~50 changes
// rather than after 20 % of the table, including long texts stored in the TOAST table.
Migration messageManagement()
{
    Migration migration;
    migration.version = 2;
    migration.name = QStringLiteral("message management");
    migration.sqlite = {
        QStringLiteral("ALTER TABLE messages ADD COLUMN changed_at INTEGER"),
        QStringLiteral(
            "ALTER TABLE conversations ADD COLUMN last_change_at INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("CREATE INDEX messages_changes_idx ON messages(conversation_id, "
                       "changed_at, id) WHERE changed_at IS NOT NULL"),
    };
    migration.postgres = {
        QStringLiteral("ALTER TABLE messages ADD COLUMN changed_at BIGINT"),
        QStringLiteral(
            "ALTER TABLE conversations ADD COLUMN last_change_at BIGINT NOT NULL DEFAULT 0"),
        QStringLiteral("CREATE INDEX messages_changes_idx ON messages(conversation_id, "
                       "changed_at, id) WHERE changed_at IS NOT NULL"),
        QStringLiteral("ALTER TABLE messages SET (autovacuum_vacuum_threshold = 50, "
                       "autovacuum_vacuum_scale_factor = 0, "
                       "toast.autovacuum_vacuum_threshold = 50, "
                       "toast.autovacuum_vacuum_scale_factor = 0)"),
    };
    return migration;
}

// Uploaded profile pictures, already re-encoded by the server. One per user; `digest` (hex
// SHA-256 of `bytes`) versions the picture's URL and is its ETag.
Migration avatarsSchema()
{
    Migration migration;
    migration.version = 3;
    migration.name = QStringLiteral("avatars");
    migration.sqlite = {
        QStringLiteral(R"(CREATE TABLE avatars (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    digest TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT)"),
    };
    migration.postgres = {
        QStringLiteral(R"(CREATE TABLE avatars (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    bytes BYTEA NOT NULL,
    digest TEXT NOT NULL,
    updated_at BIGINT NOT NULL
))"),
    };
    return migration;
}

// Running a server: the first account is its administrator (existing servers promote their
// oldest account), settings an administrator may change while it runs, and single-use invite
// codes, kept only as SHA-256 hashes. The `registration` row always exists: registrations
// lock it (PostgreSQL) so two first accounts cannot both become administrator.
Migration serverAdministration()
{
    Migration migration;
    migration.version = 4;
    migration.name = QStringLiteral("server administration");
    const QString promoteOldest =
        QStringLiteral("UPDATE users SET is_admin = 1 WHERE id = (SELECT MIN(id) FROM users)");
    const QString defaultRegistration =
        QStringLiteral("INSERT INTO server_settings (key, value) VALUES ('registration', 'open')");
    migration.sqlite = {
        QStringLiteral("ALTER TABLE users ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0 "
                       "CHECK (is_admin IN (0, 1))"),
        promoteOldest,
        QStringLiteral(R"(CREATE TABLE server_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT)"),
        defaultRegistration,
        QStringLiteral(R"(CREATE TABLE invites (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code_hash TEXT NOT NULL UNIQUE,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    used_at INTEGER,
    used_by INTEGER REFERENCES users(id) ON DELETE SET NULL
) STRICT)"),
    };
    migration.postgres = {
        QStringLiteral("ALTER TABLE users ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0 "
                       "CHECK (is_admin IN (0, 1))"),
        promoteOldest,
        QStringLiteral(R"(CREATE TABLE server_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
))"),
        defaultRegistration,
        QStringLiteral(R"(CREATE TABLE invites (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    used_at BIGINT,
    used_by BIGINT REFERENCES users(id) ON DELETE SET NULL
))"),
    };
    return migration;
}

// How many people a conversation has, kept by triggers so that every way of adding or removing
// a participant (the API, cascades, admin tools) keeps it right. Presence is shared only within
// conversations up to a size (RealtimeSettings::presenceGroupLimit), and READY and every
// PRESENCE read it for each conversation of a user: counting the rows each time would cost a
// scan of a big group per connection.
Migration memberCounts()
{
    Migration migration;
    migration.version = 5;
    migration.name = QStringLiteral("member counts");
    const QString backfill = QStringLiteral(
        "UPDATE conversations SET member_count = (SELECT COUNT(*) FROM participants p WHERE "
        "p.conversation_id = conversations.id)");
    migration.sqlite = {
        QStringLiteral(
            "ALTER TABLE conversations ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0"),
        backfill,
        QStringLiteral(R"(CREATE TRIGGER participants_count_added AFTER INSERT ON participants
BEGIN
    UPDATE conversations SET member_count = member_count + 1 WHERE id = NEW.conversation_id;
END)"),
        QStringLiteral(R"(CREATE TRIGGER participants_count_removed AFTER DELETE ON participants
BEGIN
    UPDATE conversations SET member_count = member_count - 1 WHERE id = OLD.conversation_id;
END)"),
    };
    migration.postgres = {
        QStringLiteral(
            "ALTER TABLE conversations ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0"),
        backfill,
        QStringLiteral(R"(CREATE FUNCTION participants_count() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE conversations SET member_count = member_count + 1 WHERE id = NEW.conversation_id;
    ELSE
        UPDATE conversations SET member_count = member_count - 1 WHERE id = OLD.conversation_id;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql)"),
        QStringLiteral("CREATE TRIGGER participants_count AFTER INSERT OR DELETE ON participants "
                       "FOR EACH ROW EXECUTE FUNCTION participants_count()"),
    };
    return migration;
}

} // namespace

const QList<Migration> &allMigrations()
{
    static const QList<Migration> migrations {initialSchema(), messageManagement(), avatarsSchema(),
        serverAdministration(), memberCounts()};
    return migrations;
}

} // namespace Confab::Server
