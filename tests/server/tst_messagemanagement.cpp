// Editing, deleting (with the text erased from storage), the changes feed and read markers,
// over real HTTP and WebSockets on both databases.
#include "server/core/storage/database.h"
#include "tests/support/testserver.h"
#include "tests/support/wsprobe.h"

#include "common/timeformat.h"

#include <QCoroTask>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrlQuery>

using namespace Confab;
using namespace Confab::Server;
using namespace Confab::Testing;

class TestMessageManagement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void editReachesParticipantsOnly();
    void editRules();
    void deleteRulesAndEvents();
    void tombstonesKeepHistoryStable();
    void erasedTextLeavesNoTrace();
    void changesFeedRules_data();
    void changesFeedRules();
    void changesFeedPagesWithoutSkipping();
    void sameMillisecondChangesAreNeverSkipped();
    void reconnectingClientCatchesUpExactly();
    void readMarkers();
    void readMarkerRules_data();
    void readMarkerRules();

private:
    qint64 createConversation(
        const TestUser &creator, const QList<qint64> &others, const QString &title = {});
    qint64 send(const TestUser &sender, qint64 conversationId, const QString &content);
    ApiReply edit(const TestUser &user, qint64 messageId, const QString &content);
    ApiReply remove(const TestUser &user, qint64 messageId);
    ApiReply changes(const TestUser &user, qint64 conversationId, const QString &query);
    ApiReply markRead(const TestUser &user, qint64 conversationId, qint64 messageId);
    QJsonObject conversation(const TestUser &viewer, qint64 conversationId);
    QList<QJsonObject> history(const TestUser &viewer, qint64 conversationId);
    /// Takes frames of `type` until one whose payload has `key` == `value`; empty on timeout.
    static QJsonObject expectEvent(
        WsProbe &probe, const QString &type, const QString &key, qint64 value);
    /// The bytes of the SQLite database and its -wal and -shm files.
    QByteArray sqliteFileBytes();

    template<typename T>
    Result<T> run(std::function<Result<T>(Storage &)> job)
    {
        std::optional<Result<T>> result;
        QCoro::waitFor(collect<T>(&m_server.server().database(), std::move(job), &result));
        return std::move(*result);
    }
    template<typename T>
    static QCoro::Task<> collect(
        Database *db, std::function<Result<T>(Storage &)> job, std::optional<Result<T>> *out)
    {
        out->emplace(co_await db->run<T>(std::move(job)));
    }

    TestServer m_server;
    std::unique_ptr<ApiClient> m_client;
    TestUser m_alice, m_bob, m_carol;
    WsProbe m_aliceLaptop, m_alicePhone, m_bobWs, m_carolWs;
    qint64 m_direct = 0;
};

static QString id(qint64 value)
{
    return QString::number(value);
}

void TestMessageManagement::initTestCase()
{
    // Carol shares nothing with the others.
    QString error;
    QVERIFY2(startWithUsers(m_server, m_client,
                 {{QStringLiteral("alice"), &m_alice}, {QStringLiteral("bob"), &m_bob},
                     {QStringLiteral("carol"), &m_carol}},
                 &error),
        qPrintable(error));
    QVERIFY(m_aliceLaptop.openReady(m_server.wsUrl(), m_alice.accessToken));
    QVERIFY(m_alicePhone.openReady(m_server.wsUrl(), m_alice.accessToken));
    QVERIFY(m_bobWs.openReady(m_server.wsUrl(), m_bob.accessToken));
    QVERIFY(m_carolWs.openReady(m_server.wsUrl(), m_carol.accessToken));
    m_direct = createConversation(m_alice, {m_bob.id});
    QVERIFY(m_direct > 0);
}

qint64 TestMessageManagement::createConversation(
    const TestUser &creator, const QList<qint64> &others, const QString &title)
{
    QJsonArray ids;
    for (qint64 other : others)
        ids.append(other);
    QJsonObject body {{QStringLiteral("participantIds"), ids}};
    if (!title.isEmpty())
        body.insert(QStringLiteral("title"), title);
    const ApiReply reply =
        m_client->post(QStringLiteral("/api/conversations"), body, creator.accessToken);
    return reply.json.value(QStringLiteral("id")).toInteger();
}

qint64 TestMessageManagement::send(
    const TestUser &sender, qint64 conversationId, const QString &content)
{
    const ApiReply reply =
        m_client->post(QStringLiteral("/api/conversations/%1/messages").arg(conversationId),
            {{QStringLiteral("content"), content}}, sender.accessToken);
    if (reply.status != 201)
        qWarning() << "send:" << reply.status << reply.body;
    return reply.json.value(QStringLiteral("id")).toInteger();
}

ApiReply TestMessageManagement::edit(const TestUser &user, qint64 messageId, const QString &content)
{
    return m_client->send("PUT", QStringLiteral("/api/messages/") + id(messageId),
        QJsonDocument(QJsonObject {{QStringLiteral("content"), content}}).toJson(),
        user.accessToken);
}

ApiReply TestMessageManagement::remove(const TestUser &user, qint64 messageId)
{
    return m_client->send(
        "DELETE", QStringLiteral("/api/messages/") + id(messageId), {}, user.accessToken);
}

ApiReply TestMessageManagement::changes(
    const TestUser &user, qint64 conversationId, const QString &query)
{
    return m_client->get(
        QStringLiteral("/api/conversations/%1/changes?").arg(conversationId) + query,
        user.accessToken);
}

ApiReply TestMessageManagement::markRead(
    const TestUser &user, qint64 conversationId, qint64 messageId)
{
    return m_client->post(QStringLiteral("/api/conversations/%1/read").arg(conversationId),
        {{QStringLiteral("messageId"), messageId}}, user.accessToken);
}

QJsonObject TestMessageManagement::conversation(const TestUser &viewer, qint64 conversationId)
{
    return m_client
        ->get(QStringLiteral("/api/conversations/") + id(conversationId), viewer.accessToken)
        .json;
}

QList<QJsonObject> TestMessageManagement::history(const TestUser &viewer, qint64 conversationId)
{
    QList<QJsonObject> messages;
    const ApiReply reply = m_client->get(
        QStringLiteral("/api/conversations/%1/messages?limit=100").arg(conversationId),
        viewer.accessToken);
    for (const QJsonValue &message : reply.json.value(QStringLiteral("messages")).toArray())
        messages << message.toObject();
    return messages;
}

QJsonObject TestMessageManagement::expectEvent(
    WsProbe &probe, const QString &type, const QString &key, qint64 value)
{
    while (true) {
        const QJsonObject frame = probe.waitFor(type);
        if (frame.isEmpty())
            return {};
        const QJsonObject payload = frame.value(QStringLiteral("payload")).toObject();
        const QJsonValue field = key == QLatin1String("message.id")
            ? payload[QStringLiteral("message")][QStringLiteral("id")]
            : payload.value(key);
        if (field.toInteger() == value)
            return payload;
    }
}

QByteArray TestMessageManagement::sqliteFileBytes()
{
    const QString path = m_server.database().config().sqlitePath;
    QByteArray bytes;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile file(path + suffix);
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    return bytes;
}

void TestMessageManagement::editReachesParticipantsOnly()
{
    const qint64 message = send(m_alice, m_direct, QStringLiteral("see you at ten"));
    QVERIFY(message > 0);
    const ApiReply reply = edit(m_alice, message, QStringLiteral("  see you at eleven \n"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("id")).toInteger(), message);
    QCOMPARE(reply.json.value(QStringLiteral("content")).toString(),
        QStringLiteral("see you at eleven"));
    QVERIFY(parseTimestamp(reply.json.value(QStringLiteral("editedAt")).toString()).isValid());
    QVERIFY(reply.json.value(QStringLiteral("deletedAt")).isNull());

    // Both of Alice's devices and Bob hear of it; Carol does not.
    for (WsProbe *probe : {&m_aliceLaptop, &m_alicePhone, &m_bobWs}) {
        const QJsonObject payload = expectEvent(
            *probe, QStringLiteral("MESSAGE_UPDATED"), QStringLiteral("message.id"), message);
        QVERIFY(!payload.isEmpty());
        QCOMPARE(payload.value(QStringLiteral("message")).toObject(), reply.json);
    }
    QVERIFY(m_carolWs.staysSilent(QStringLiteral("MESSAGE_UPDATED"), 300));
    QCOMPARE(history(m_bob, m_direct).constLast(), reply.json);
}

void TestMessageManagement::editRules()
{
    const qint64 message = send(m_alice, m_direct, QStringLiteral("original"));
    QVERIFY(message > 0);
    const auto check = [](const ApiReply &reply, int status, const char *code) {
        if (reply.status != status || reply.errorCode() != QLatin1String(code)) {
            qWarning() << reply.status << reply.body;
            return false;
        }
        return true;
    };
    QVERIFY(check(edit(m_bob, message, QStringLiteral("mine now")), 403, "not_sender"));
    const ApiReply outsider = edit(m_carol, message, QStringLiteral("let me in"));
    QVERIFY(check(outsider, 404, "message_not_found"));
    // An outsider cannot tell a message they may not see from one that does not exist.
    const ApiReply missing = edit(m_carol, 987654321, QStringLiteral("let me in"));
    QVERIFY(check(missing, 404, "message_not_found"));
    QCOMPARE(missing.body, outsider.body);
    QVERIFY(check(edit(m_alice, message, QStringLiteral(" \t ")), 400, "invalid_content"));
    QVERIFY(check(edit(m_alice, message, QString(4001, QLatin1Char('x'))), 400, "invalid_content"));
    QCOMPARE(
        edit(m_alice, message, QString::fromUtf8("\xF0\x9F\x98\x80").repeated(4000)).status, 200);
    const QString path = QStringLiteral("/api/messages/") + id(message);
    QVERIFY(check(m_client->send("PUT", path, "{}", m_alice.accessToken), 400, "missing_field"));
    QVERIFY(check(
        m_client->send("PUT", path, "{\"content\":5}", m_alice.accessToken), 400, "invalid_field"));
    QVERIFY(check(m_client->send("PUT", path, "{", m_alice.accessToken), 400, "invalid_json"));
    QVERIFY(check(m_client->send("PUT", path, "{\"content\":\"x\"}"), 401, "unauthorized"));
    QCOMPARE(history(m_alice, m_direct).constLast()[QStringLiteral("content")].toString(),
        QString::fromUtf8("\xF0\x9F\x98\x80").repeated(4000));

    QCOMPARE(remove(m_alice, message).status, 204);
    QVERIFY(check(edit(m_alice, message, QStringLiteral("back")), 409, "message_deleted"));
    QVERIFY(m_carolWs.staysSilent(QStringLiteral("MESSAGE_UPDATED"), 200));
}

void TestMessageManagement::deleteRulesAndEvents()
{
    const qint64 message = send(m_alice, m_direct, QStringLiteral("regrettable"));
    QVERIFY(message > 0);
    // In a direct conversation nobody is admin: only the sender may delete.
    ApiReply reply = remove(m_bob, message);
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.errorCode(), QStringLiteral("not_allowed"));
    reply = remove(m_carol, message);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.errorCode(), QStringLiteral("message_not_found"));
    QCOMPARE(remove(m_carol, 987654321).body, reply.body);

    QCOMPARE(remove(m_alice, message).status, 204);
    for (WsProbe *probe : {&m_aliceLaptop, &m_alicePhone, &m_bobWs}) {
        const QJsonObject payload = expectEvent(
            *probe, QStringLiteral("MESSAGE_DELETED"), QStringLiteral("messageId"), message);
        QVERIFY(!payload.isEmpty());
        QCOMPARE(payload.value(QStringLiteral("conversationId")).toInteger(), m_direct);
        QVERIFY(parseTimestamp(payload.value(QStringLiteral("deletedAt")).toString()).isValid());
    }
    QVERIFY(m_carolWs.staysSilent(QStringLiteral("MESSAGE_DELETED"), 300));

    // Deleting again succeeds without a second event; the rules still apply.
    QCOMPARE(remove(m_alice, message).status, 204);
    QCOMPARE(remove(m_bob, message).status, 403);
    QVERIFY(m_bobWs.staysSilent(QStringLiteral("MESSAGE_DELETED"), 300));

    // In a group, an admin may delete anyone's message; a member only their own.
    const qint64 group = createConversation(m_alice, {m_bob.id}, QStringLiteral("Moderated"));
    QVERIFY(group > 0);
    const qint64 bobs = send(m_bob, group, QStringLiteral("spam"));
    const qint64 alices = send(m_alice, group, QStringLiteral("rules"));
    reply = remove(m_bob, alices);
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.errorCode(), QStringLiteral("not_allowed"));
    QCOMPARE(remove(m_alice, bobs).status, 204);
    QVERIFY(
        !expectEvent(m_bobWs, QStringLiteral("MESSAGE_DELETED"), QStringLiteral("messageId"), bobs)
             .isEmpty());
    const qint64 bobsOwn = send(m_bob, group, QStringLiteral("oops"));
    QCOMPARE(remove(m_bob, bobsOwn).status, 204);
    QVERIFY(m_carolWs.staysSilent(QStringLiteral("MESSAGE_DELETED"), 200));
}

void TestMessageManagement::tombstonesKeepHistoryStable()
{
    const qint64 group = createConversation(m_alice, {m_bob.id}, QStringLiteral("History"));
    QList<qint64> ids;
    for (int i = 0; i < 5; ++i)
        ids << send(m_alice, group, QStringLiteral("line %1").arg(i));
    QCOMPARE(conversation(m_bob, group).value(QStringLiteral("unreadCount")).toInt(), 5);
    QCOMPARE(remove(m_alice, ids.at(2)).status, 204);
    QCOMPARE(remove(m_alice, ids.at(4)).status, 204);

    // Paging backwards two at a time still meets every id exactly once.
    QList<qint64> seen;
    QString query = QStringLiteral("limit=2");
    while (true) {
        const ApiReply page =
            m_client->get(QStringLiteral("/api/conversations/%1/messages?").arg(group) + query,
                m_bob.accessToken);
        QCOMPARE(page.status, 200);
        const QJsonArray messages = page.json.value(QStringLiteral("messages")).toArray();
        QList<qint64> pageIds;
        for (const QJsonValue &message : messages) {
            const qint64 messageId = message[QStringLiteral("id")].toInteger();
            pageIds << messageId;
            const bool deleted = messageId == ids.at(2) || messageId == ids.at(4);
            QCOMPARE(message[QStringLiteral("deletedAt")].isNull(), !deleted);
            QCOMPARE(message[QStringLiteral("content")].toString().isEmpty(), deleted);
        }
        seen = pageIds + seen;
        if (!page.json.value(QStringLiteral("hasMore")).toBool())
            break;
        query = QStringLiteral("limit=2&before=") + id(pageIds.first());
    }
    QCOMPARE(seen, ids);

    // The deleted newest message is still the conversation's last message, as a tombstone;
    // deleted messages are not unread.
    const QJsonObject seenByBob = conversation(m_bob, group);
    const QJsonObject last = seenByBob.value(QStringLiteral("lastMessage")).toObject();
    QCOMPARE(last.value(QStringLiteral("id")).toInteger(), ids.at(4));
    QCOMPARE(last.value(QStringLiteral("content")).toString(), QString());
    QVERIFY(!last.value(QStringLiteral("deletedAt")).isNull());
    QCOMPARE(seenByBob.value(QStringLiteral("unreadCount")).toInt(), 3);
}

void TestMessageManagement::erasedTextLeavesNoTrace()
{
    const QString edited = QStringLiteral("MARKER-edited-away-7f3a9c");
    const QString deleted = QStringLiteral("MARKER-deleted-51e2b8");
    const QString replacement = QStringLiteral("MARKER-replacement-0c4d");
    const qint64 first = send(m_alice, m_direct, edited);
    const qint64 second = send(m_alice, m_direct, deleted);
    QVERIFY(first > 0 && second > 0);
    const bool sqlite = m_server.database().dialect() == SqlDialect::Sqlite;
    if (sqlite) {
        // Before: the text is on disk, so the test below can see it if it survives.
        const QByteArray before = sqliteFileBytes();
        QVERIFY(before.contains(edited.toUtf8()));
        QVERIFY(before.contains(deleted.toUtf8()));
    }
    QCOMPARE(edit(m_alice, first, replacement).status, 200);
    QCOMPARE(remove(m_alice, second).status, 204);

    if (sqlite) {
        const QByteArray after = sqliteFileBytes();
        QVERIFY(after.contains(replacement.toUtf8()));
        QVERIFY2(!after.contains(edited.toUtf8()), "edited-away text survives on disk");
        QVERIFY2(!after.contains(deleted.toUtf8()), "deleted text survives on disk");
        return;
    }
    // PostgreSQL: the live row holds no text; old row versions go with (early) autovacuum.
    Result<QStringList> stored = run<QStringList>([first, second](Storage &storage) {
        QSqlQuery query(storage.context().db);
        query.prepare(
            QStringLiteral("SELECT content, deleted_at IS NOT NULL FROM messages WHERE id IN "
                           "(?, ?) ORDER BY id"));
        query.addBindValue(first);
        query.addBindValue(second);
        QStringList rows;
        if (!query.exec())
            return Result<QStringList>(internalError(query.lastError().text()));
        while (query.next())
            rows << query.value(0).toString() + QLatin1Char('|') + query.value(1).toString();
        QSqlQuery options(storage.context().db);
        if (!options.exec(QStringLiteral(
                "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'messages'"))
            || !options.next())
            return Result<QStringList>(internalError(options.lastError().text()));
        rows << options.value(0).toString();
        return Result<QStringList>(rows);
    });
    QVERIFY(stored);
    QCOMPARE(stored->size(), 3);
    QCOMPARE(stored->at(0), replacement + QStringLiteral("|false"));
    QCOMPARE(stored->at(1), QStringLiteral("|true"));
    QVERIFY2(stored->at(2).contains(QLatin1String("autovacuum_vacuum_threshold=50")),
        qPrintable(stored->at(2)));
}

void TestMessageManagement::changesFeedRules_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("code");
    QTest::newRow("since missing") << QString() << QStringLiteral("invalid_since");
    QTest::newRow("since empty") << QStringLiteral("since=") << QStringLiteral("invalid_since");
    QTest::newRow("since words") << QStringLiteral("since=yesterday")
                                 << QStringLiteral("invalid_since");
    QTest::newRow("since without zone")
        << QStringLiteral("since=2026-11-24T10:00:00.000") << QStringLiteral("invalid_since");
    QTest::newRow("since a number")
        << QStringLiteral("since=1732442400000") << QStringLiteral("invalid_since");
    QTest::newRow("limit 0") << QStringLiteral("since=2020-01-01T00:00:00.000Z&limit=0")
                             << QStringLiteral("invalid_limit");
    QTest::newRow("limit 101") << QStringLiteral("since=2020-01-01T00:00:00.000Z&limit=101")
                               << QStringLiteral("invalid_limit");
}

void TestMessageManagement::changesFeedRules()
{
    QFETCH(QString, query);
    QFETCH(QString, code);
    const ApiReply reply = changes(m_alice, m_direct, query);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), code);
}

void TestMessageManagement::changesFeedPagesWithoutSkipping()
{
    const qint64 group = createConversation(m_alice, {m_bob.id}, QStringLiteral("Changes"));
    const QString since = QStringLiteral("since=2020-01-01T00:00:00.000Z");
    // Only participants may read the feed.
    ApiReply outsider = changes(m_carol, group, since);
    QCOMPARE(outsider.status, 404);
    QCOMPARE(outsider.errorCode(), QStringLiteral("conversation_not_found"));
    QCOMPARE(changes(m_carol, 987654, since).body, outsider.body);

    QList<qint64> ids;
    for (int i = 0; i < 6; ++i)
        ids << send(i % 2 ? m_bob : m_alice, group, QStringLiteral("m%1").arg(i));
    ApiReply empty = changes(m_bob, group, since);
    QCOMPARE(empty.status, 200);
    QCOMPARE(empty.json.value(QStringLiteral("messages")).toArray().size(), 0); // sends aren't
    QCOMPARE(empty.json.value(QStringLiteral("hasMore")).toBool(), false);
    QCOMPARE(empty.json.value(QStringLiteral("nextSince")).toString(),
        QStringLiteral("2020-01-01T00:00:00.000Z"));

    // Changes in this order: 3 edited, 0 deleted, 5 edited, 3 edited again (moves to the end).
    QCOMPARE(edit(m_bob, ids.at(3), QStringLiteral("m3 v2")).status, 200);
    QCOMPARE(remove(m_alice, ids.at(0)).status, 204);
    QCOMPARE(edit(m_bob, ids.at(5), QStringLiteral("m5 v2")).status, 200);
    QCOMPARE(edit(m_bob, ids.at(3), QStringLiteral("m3 v3")).status, 200);

    QList<qint64> order;
    QStringList contents;
    QString cursor = QStringLiteral("2020-01-01T00:00:00.000Z");
    for (int pages = 0; pages < 10; ++pages) {
        const ApiReply page = changes(m_bob, group,
            QStringLiteral("limit=1&since=") + QString::fromUtf8(QUrl::toPercentEncoding(cursor)));
        QCOMPARE(page.status, 200);
        for (const QJsonValue &message : page.json.value(QStringLiteral("messages")).toArray()) {
            order << message[QStringLiteral("id")].toInteger();
            contents << message[QStringLiteral("content")].toString();
        }
        cursor = page.json.value(QStringLiteral("nextSince")).toString();
        if (!page.json.value(QStringLiteral("hasMore")).toBool())
            break;
    }
    QCOMPARE(order, (QList<qint64> {ids.at(0), ids.at(5), ids.at(3)}));
    QCOMPARE(contents, (QStringList {QString(), QStringLiteral("m5 v2"), QStringLiteral("m3 v3")}));
    // From the last cursor there is nothing new.
    const ApiReply done = changes(m_alice, group,
        QStringLiteral("since=") + QString::fromUtf8(QUrl::toPercentEncoding(cursor)));
    QCOMPARE(done.json.value(QStringLiteral("messages")).toArray().size(), 0);
    QCOMPARE(done.json.value(QStringLiteral("nextSince")).toString(), cursor);
}

void TestMessageManagement::sameMillisecondChangesAreNeverSkipped()
{
    const qint64 group = createConversation(m_alice, {m_bob.id}, QStringLiteral("Burst"));
    QList<qint64> ids;
    for (int i = 0; i < 5; ++i)
        ids << send(m_alice, group, QStringLiteral("b%1").arg(i));
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    // Five changes that all happen in one and the same millisecond, in reverse id order.
    const QDateTime instant = QDateTime::currentDateTimeUtc();
    const qint64 aliceId = m_alice.id;
    for (qsizetype i = ids.size() - 1; i >= 0; --i) {
        const qint64 messageId = ids.at(i);
        Result<MessageChangeOutcome> changed =
            run<MessageChangeOutcome>([messageId, aliceId, instant](Storage &storage) {
                return storage.messageChanges().edit(
                    messageId, aliceId, QStringLiteral("same ms"), instant);
            });
        QVERIFY(changed);
    }
    QList<qint64> seen;
    QString cursor = formatTimestamp(before);
    for (int pages = 0; pages < 10; ++pages) {
        const ApiReply page = changes(m_bob, group,
            QStringLiteral("limit=2&since=") + QString::fromUtf8(QUrl::toPercentEncoding(cursor)));
        QCOMPARE(page.status, 200);
        for (const QJsonValue &message : page.json.value(QStringLiteral("messages")).toArray())
            seen << message[QStringLiteral("id")].toInteger();
        cursor = page.json.value(QStringLiteral("nextSince")).toString();
        if (!page.json.value(QStringLiteral("hasMore")).toBool())
            break;
    }
    // Every change exactly once, in the order they happened.
    QCOMPARE(seen, (QList<qint64> {ids.at(4), ids.at(3), ids.at(2), ids.at(1), ids.at(0)}));
}

void TestMessageManagement::reconnectingClientCatchesUpExactly()
{
    const qint64 group = createConversation(m_alice, {m_bob.id}, QStringLiteral("Offline"));
    QList<qint64> old;
    for (int i = 0; i < 4; ++i)
        old << send(m_alice, group, QStringLiteral("old %1").arg(i));
    QCOMPARE(edit(m_alice, old.at(0), QStringLiteral("old 0, seen edited")).status, 200);

    // Bob's tablet is in sync: it holds the history and the feed's cursor, then goes away.
    auto tablet = std::make_unique<WsProbe>();
    QVERIFY(tablet->openReady(m_server.wsUrl(), m_bob.accessToken));
    const QList<QJsonObject> held = history(m_bob, group);
    QCOMPARE(held.size(), 4);
    const qint64 newestHeld = held.constLast()[QStringLiteral("id")].toInteger();
    const ApiReply synced = changes(m_bob, group, QStringLiteral("since=2020-01-01T00:00:00.000Z"));
    QCOMPARE(synced.json.value(QStringLiteral("messages")).toArray().size(), 1);
    const QString since = synced.json.value(QStringLiteral("nextSince")).toString();
    tablet.reset();

    // While it is away: new messages, an edit and a deletion of old ones, an edit of a new one.
    QList<qint64> fresh;
    for (int i = 0; i < 3; ++i)
        fresh << send(m_alice, group, QStringLiteral("new %1").arg(i));
    QCOMPARE(edit(m_alice, old.at(1), QStringLiteral("old 1, edited offline")).status, 200);
    QCOMPARE(remove(m_alice, old.at(2)).status, 204);
    QCOMPARE(edit(m_alice, fresh.at(0), QStringLiteral("new 0, edited")).status, 200);

    tablet = std::make_unique<WsProbe>();
    QVERIFY(tablet->openReady(m_server.wsUrl(), m_bob.accessToken));
    const ApiReply missed = m_client->get(
        QStringLiteral("/api/conversations/%1/messages?after=%2").arg(group).arg(newestHeld),
        m_bob.accessToken);
    QCOMPARE(missed.status, 200);
    QList<qint64> newIds;
    for (const QJsonValue &message : missed.json.value(QStringLiteral("messages")).toArray())
        newIds << message[QStringLiteral("id")].toInteger();
    QCOMPARE(newIds, fresh);
    QCOMPARE(missed.json[QStringLiteral("messages")][0][QStringLiteral("content")].toString(),
        QStringLiteral("new 0, edited"));

    const ApiReply changed = changes(
        m_bob, group, QStringLiteral("since=") + QString::fromUtf8(QUrl::toPercentEncoding(since)));
    QCOMPARE(changed.status, 200);
    QCOMPARE(changed.json.value(QStringLiteral("hasMore")).toBool(), false);
    const QJsonArray changedMessages = changed.json.value(QStringLiteral("messages")).toArray();
    QList<qint64> changedIds;
    for (const QJsonValue &message : changedMessages)
        changedIds << message[QStringLiteral("id")].toInteger();
    // Exactly what it missed, in order; the edit it had already seen is not repeated.
    QCOMPARE(changedIds, (QList<qint64> {old.at(1), old.at(2), fresh.at(0)}));
    QCOMPARE(changedMessages.at(0)[QStringLiteral("content")].toString(),
        QStringLiteral("old 1, edited offline"));
    QVERIFY(!changedMessages.at(1)[QStringLiteral("deletedAt")].isNull());
    QCOMPARE(changedMessages.at(1)[QStringLiteral("content")].toString(), QString());
    // No event of that time reaches the reconnected device: events are not stored.
    QVERIFY(tablet->staysSilent(QStringLiteral("MESSAGE_UPDATED"), 200));
}

void TestMessageManagement::readMarkers()
{
    const qint64 group = createConversation(m_bob, {m_alice.id}, QStringLiteral("Reading"));
    const qint64 b1 = send(m_bob, group, QStringLiteral("one"));
    const qint64 b2 = send(m_bob, group, QStringLiteral("two"));
    const qint64 own = send(m_alice, group, QStringLiteral("mine"));
    const qint64 b3 = send(m_bob, group, QStringLiteral("three"));
    const qint64 b4 = send(m_bob, group, QStringLiteral("four"));
    QCOMPARE(conversation(m_alice, group).value(QStringLiteral("unreadCount")).toInt(), 4);

    ApiReply reply = markRead(m_alice, group, b2);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("conversationId")).toInteger(), group);
    QCOMPARE(reply.json.value(QStringLiteral("userId")).toInteger(), m_alice.id);
    QCOMPARE(reply.json.value(QStringLiteral("messageId")).toInteger(), b2);
    // The reader's devices (badges) and the other participants (receipts) hear of it.
    for (WsProbe *probe : {&m_aliceLaptop, &m_alicePhone, &m_bobWs}) {
        const QJsonObject payload =
            expectEvent(*probe, QStringLiteral("READ"), QStringLiteral("messageId"), b2);
        QVERIFY(!payload.isEmpty());
        QCOMPARE(payload.value(QStringLiteral("conversationId")).toInteger(), group);
        QCOMPARE(payload.value(QStringLiteral("userId")).toInteger(), m_alice.id);
    }
    QVERIFY(m_carolWs.staysSilent(QStringLiteral("READ"), 300));
    // Her own message does not count, so two are left.
    QJsonObject seen = conversation(m_alice, group);
    QCOMPARE(seen.value(QStringLiteral("unreadCount")).toInt(), 2);
    QMap<qint64, qint64> markers;
    for (const QJsonValue &participant :
        conversation(m_bob, group)[QStringLiteral("participants")].toArray())
        markers.insert(participant[QStringLiteral("user")][QStringLiteral("id")].toInteger(),
            participant[QStringLiteral("lastReadMessageId")].toInteger(-1));
    QCOMPARE(markers.value(m_alice.id), b2);
    QCOMPARE(markers.value(m_bob.id), 0);

    // An older message is accepted but changes nothing, and nobody is told.
    reply = markRead(m_alice, group, b1);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json.value(QStringLiteral("messageId")).toInteger(), b2);
    QVERIFY(m_bobWs.staysSilent(QStringLiteral("READ"), 300));
    QCOMPARE(conversation(m_alice, group).value(QStringLiteral("unreadCount")).toInt(), 2);

    // A deleted message is not unread.
    QCOMPARE(remove(m_bob, b3).status, 204);
    QCOMPARE(conversation(m_alice, group).value(QStringLiteral("unreadCount")).toInt(), 1);
    // Reading up to her own message is fine too; then up to the end.
    QCOMPARE(
        markRead(m_alice, group, own).json.value(QStringLiteral("messageId")).toInteger(), own);
    QCOMPARE(markRead(m_alice, group, b4).status, 200);
    QCOMPARE(conversation(m_alice, group).value(QStringLiteral("unreadCount")).toInt(), 0);
    QVERIFY(!expectEvent(m_alicePhone, QStringLiteral("READ"), QStringLiteral("messageId"), b4)
                 .isEmpty());
    QVERIFY(m_carolWs.staysSilent(QStringLiteral("READ"), 200));
}

void TestMessageManagement::readMarkerRules_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("message of another conversation") << QStringLiteral(
        "alice") << QByteArrayLiteral("OTHER") << 400 << QStringLiteral("invalid_message");
    QTest::newRow("no such message")
        << QStringLiteral("alice") << QByteArrayLiteral("{\"messageId\":987654321}") << 400
        << QStringLiteral("invalid_message");
    QTest::newRow("missing") << QStringLiteral("alice") << QByteArrayLiteral("{}") << 400
                             << QStringLiteral("missing_field");
    QTest::newRow("not an id") << QStringLiteral("alice")
                               << QByteArrayLiteral("{\"messageId\":\"7\"}") << 400
                               << QStringLiteral("invalid_field");
    QTest::newRow("outsider") << QStringLiteral("carol") << QByteArrayLiteral("OWN") << 404
                              << QStringLiteral("conversation_not_found");
}

void TestMessageManagement::readMarkerRules()
{
    QFETCH(QString, who);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const qint64 own = send(m_alice, m_direct, QStringLiteral("for the rules"));
    const qint64 elsewhere =
        send(m_alice, createConversation(m_alice, {m_bob.id}, QStringLiteral("Elsewhere")),
            QStringLiteral("not here"));
    QVERIFY(own > 0 && elsewhere > 0);
    if (body == "OWN")
        body = "{\"messageId\":" + QByteArray::number(own) + '}';
    else if (body == "OTHER")
        body = "{\"messageId\":" + QByteArray::number(elsewhere) + '}';
    const TestUser &user = who == QLatin1String("carol") ? m_carol : m_alice;
    const ApiReply reply = m_client->postRaw(
        QStringLiteral("/api/conversations/%1/read").arg(m_direct), body, user.accessToken);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    QVERIFY(m_carolWs.staysSilent(QStringLiteral("READ"), 100));
}

QTEST_GUILESS_MAIN(TestMessageManagement)
#include "tst_messagemanagement.moc"
