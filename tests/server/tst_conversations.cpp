// Conversations and messages over real HTTP and WebSockets: who sees what, paging, retries.
#include "tests/support/testserver.h"
#include "tests/support/wsprobe.h"

#include <QJsonArray>
#include <QTest>

using namespace Confab::Testing;

class TestConversations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void directConversationIsMadeOnce();
    void createRejects_data();
    void createRejects();
    void groupHasItsCreatorAsAdmin();
    void outsidersSeeNothing();
    void messagesReachParticipantsOnly();
    void contentRules_data();
    void contentRules();
    void retryWithClientMessageIdStoresOnce();
    void paginationReturnsEachMessageOnce();
    void paginationRejectsBadParameters_data();
    void paginationRejectsBadParameters();
    void listIsOrderedByActivityWithUnreadCounts();
    void userLookupAndSearch();

private:
    qint64 createConversation(const TestUser &creator, const QList<qint64> &others,
        const QString &title = {}, int expectedStatus = 201);
    ApiReply sendMessage(const TestUser &sender, qint64 conversationId, const QString &content,
        const QString &clientMessageId = {});

    TestServer m_server;
    std::unique_ptr<ApiClient> m_client;
    TestUser m_alice, m_bob, m_carol;
    WsProbe m_aliceLaptop, m_alicePhone, m_bobWs, m_carolWs;
    qint64 m_direct = 0;
};

void TestConversations::initTestCase()
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
}

qint64 TestConversations::createConversation(
    const TestUser &creator, const QList<qint64> &others, const QString &title, int expectedStatus)
{
    QJsonArray ids;
    for (qint64 id : others)
        ids.append(id);
    QJsonObject body {{QStringLiteral("participantIds"), ids}};
    if (!title.isNull())
        body.insert(QStringLiteral("title"), title);
    const ApiReply reply =
        m_client->post(QStringLiteral("/api/conversations"), body, creator.accessToken);
    if (reply.status != expectedStatus) {
        qWarning() << "create conversation:" << reply.status << reply.body;
        return 0;
    }
    return reply.json.value(QStringLiteral("id")).toInteger();
}

ApiReply TestConversations::sendMessage(const TestUser &sender, qint64 conversationId,
    const QString &content, const QString &clientMessageId)
{
    QJsonObject body {{QStringLiteral("content"), content}};
    if (!clientMessageId.isEmpty())
        body.insert(QStringLiteral("clientMessageId"), clientMessageId);
    return m_client->post(QStringLiteral("/api/conversations/%1/messages").arg(conversationId),
        body, sender.accessToken);
}

void TestConversations::directConversationIsMadeOnce()
{
    m_direct = createConversation(m_alice, {m_bob.id});
    QVERIFY(m_direct > 0);
    // Both of Alice's devices and Bob learn of it; Carol does not.
    for (WsProbe *probe : {&m_aliceLaptop, &m_alicePhone, &m_bobWs}) {
        const QJsonObject event = probe->waitFor(QStringLiteral("CONVERSATION_CREATED"));
        const QJsonObject conversation =
            event[QStringLiteral("payload")][QStringLiteral("conversation")].toObject();
        QCOMPARE(conversation.value(QStringLiteral("id")).toInteger(), m_direct);
        QCOMPARE(conversation.value(QStringLiteral("type")).toString(), QStringLiteral("direct"));
        QCOMPARE(conversation.value(QStringLiteral("participants")).toArray().size(), 2);
    }
    QVERIFY(m_carolWs.staysSilent(QStringLiteral("CONVERSATION_CREATED"), 300));

    // Asking again, from either side, finds the same conversation.
    QCOMPARE(createConversation(m_alice, {m_bob.id}, QString(), 200), m_direct);
    QCOMPARE(createConversation(m_bob, {m_alice.id, m_bob.id}, QString(), 200), m_direct);
    QVERIFY(m_bobWs.staysSilent(QStringLiteral("CONVERSATION_CREATED"), 300));

    const ApiReply got =
        m_client->get(QStringLiteral("/api/conversations/%1").arg(m_direct), m_bob.accessToken);
    QCOMPARE(got.status, 200);
    QVERIFY(got.json.value(QStringLiteral("title")).isNull());
    QVERIFY(got.json.value(QStringLiteral("lastMessage")).isNull());
    QCOMPARE(got.json.value(QStringLiteral("unreadCount")).toInt(), 0);
    for (const QJsonValue &participant : got.json.value(QStringLiteral("participants")).toArray())
        QCOMPARE(participant[QStringLiteral("role")].toString(), QStringLiteral("member"));
}

void TestConversations::createRejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown user") << QByteArrayLiteral("{\"participantIds\":[999999]}")
                                  << QStringLiteral("unknown_user");
    QTest::newRow("only yourself")
        << QByteArrayLiteral("{\"participantIds\":[]}") << QStringLiteral("invalid_participants");
    QTest::newRow("ids not numbers")
        << QByteArrayLiteral("{\"participantIds\":[\"2\"]}") << QStringLiteral("invalid_field");
    QTest::newRow("ids negative") << QByteArrayLiteral("{\"participantIds\":[-4]}")
                                  << QStringLiteral("invalid_field");
    QTest::newRow("ids missing") << QByteArrayLiteral("{\"title\":\"x\"}")
                                 << QStringLiteral("missing_field");
    QTest::newRow("not json") << QByteArrayLiteral("{") << QStringLiteral("invalid_json");
}

void TestConversations::createRejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    const ApiReply reply =
        m_client->postRaw(QStringLiteral("/api/conversations"), body, m_alice.accessToken);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), code);
}

void TestConversations::groupHasItsCreatorAsAdmin()
{
    // Two others without a title: a group needs one.
    QJsonObject untitled {{QStringLiteral("participantIds"), QJsonArray {m_bob.id, m_carol.id}}};
    const ApiReply reply =
        m_client->post(QStringLiteral("/api/conversations"), untitled, m_alice.accessToken);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("invalid_title"));

    const qint64 group =
        createConversation(m_alice, {m_bob.id}, QStringLiteral("  Weekend plans  "));
    QVERIFY(group > 0);
    QVERIFY(group != m_direct);
    const ApiReply got =
        m_client->get(QStringLiteral("/api/conversations/%1").arg(group), m_alice.accessToken);
    QCOMPARE(got.json.value(QStringLiteral("type")).toString(), QStringLiteral("group"));
    QCOMPARE(got.json.value(QStringLiteral("title")).toString(), QStringLiteral("Weekend plans"));
    QMap<qint64, QString> roles;
    for (const QJsonValue &participant : got.json.value(QStringLiteral("participants")).toArray())
        roles.insert(participant[QStringLiteral("user")][QStringLiteral("id")].toInteger(),
            participant[QStringLiteral("role")].toString());
    QCOMPARE(roles.value(m_alice.id), QStringLiteral("admin"));
    QCOMPARE(roles.value(m_bob.id), QStringLiteral("member"));
    QCOMPARE(roles.size(), 2);
    QVERIFY(!m_bobWs.waitFor(QStringLiteral("CONVERSATION_CREATED")).isEmpty());
    QVERIFY(m_carolWs.staysSilent(QStringLiteral("CONVERSATION_CREATED"), 300));
}

void TestConversations::outsidersSeeNothing()
{
    QVERIFY(m_direct > 0);
    QVERIFY(sendMessage(m_alice, m_direct, QStringLiteral("private")).status == 201);
    const QString direct = QString::number(m_direct);
    const ApiReply conversation =
        m_client->get(QStringLiteral("/api/conversations/") + direct, m_carol.accessToken);
    QCOMPARE(conversation.status, 404);
    QCOMPARE(conversation.errorCode(), QStringLiteral("conversation_not_found"));
    // The same answer as for a conversation that does not exist at all.
    const ApiReply missing =
        m_client->get(QStringLiteral("/api/conversations/987654"), m_carol.accessToken);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.body, conversation.body);
    const ApiReply history = m_client->get(
        QStringLiteral("/api/conversations/%1/messages").arg(direct), m_carol.accessToken);
    QCOMPARE(history.status, 404);
    QCOMPARE(sendMessage(m_carol, m_direct, QStringLiteral("let me in")).status, 404);
    const ApiReply list = m_client->get(QStringLiteral("/api/conversations"), m_carol.accessToken);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json.value(QStringLiteral("conversations")).toArray().size(), 0);
    QVERIFY(m_carolWs.staysSilent(QStringLiteral("MESSAGE_CREATED"), 300));
}

void TestConversations::messagesReachParticipantsOnly()
{
    const ApiReply sent =
        sendMessage(m_bob, m_direct, QStringLiteral("hello from bob"), QStringLiteral("bob-1"));
    QCOMPARE(sent.status, 201);
    const qint64 id = sent.json.value(QStringLiteral("id")).toInteger();
    QCOMPARE(sent.json.value(QStringLiteral("senderId")).toInteger(), m_bob.id);
    QCOMPARE(sent.json.value(QStringLiteral("conversationId")).toInteger(), m_direct);
    QCOMPARE(
        sent.json.value(QStringLiteral("clientMessageId")).toString(), QStringLiteral("bob-1"));
    QVERIFY(sent.json.value(QStringLiteral("editedAt")).isNull());
    QVERIFY(sent.json.value(QStringLiteral("deletedAt")).isNull());
    for (WsProbe *probe : {&m_aliceLaptop, &m_alicePhone, &m_bobWs}) {
        QJsonObject event;
        // Skip the earlier "private" message's event.
        do {
            event = probe->waitFor(QStringLiteral("MESSAGE_CREATED"));
        } while (!event.isEmpty()
            && event[QStringLiteral("payload")][QStringLiteral("message")][QStringLiteral("id")]
                    .toInteger()
                != id);
        QVERIFY(!event.isEmpty());
        QCOMPARE(
            event[QStringLiteral("payload")][QStringLiteral("message")][QStringLiteral("content")]
                .toString(),
            QStringLiteral("hello from bob"));
    }
    QVERIFY(m_carolWs.staysSilent(QStringLiteral("MESSAGE_CREATED"), 500));
}

void TestConversations::contentRules_data()
{
    QTest::addColumn<QString>("content");
    QTest::addColumn<int>("status");
    QTest::newRow("empty") << QString() << 400;
    QTest::newRow("only spaces") << QStringLiteral(" \n\t ") << 400;
    QTest::newRow("4001 characters") << QString(4001, QLatin1Char('x')) << 400;
    QTest::newRow("4000 characters") << QString(4000, QLatin1Char('x')) << 201;
    QTest::newRow("4000 characters plus spaces")
        << QStringLiteral("  ") + QString(4000, QLatin1Char('y')) + QStringLiteral("  ") << 201;
    QTest::newRow("2000 emoji") << QString::fromUtf8("\xF0\x9F\x98\x80").repeated(2000) << 201;
}

void TestConversations::contentRules()
{
    QFETCH(QString, content);
    QFETCH(int, status);
    const ApiReply reply = sendMessage(m_alice, m_direct, content);
    QCOMPARE(reply.status, status);
    if (status == 400)
        QCOMPARE(reply.errorCode(), QStringLiteral("invalid_content"));
    else
        QCOMPARE(reply.json.value(QStringLiteral("content")).toString(), content.trimmed());
}

void TestConversations::retryWithClientMessageIdStoresOnce()
{
    const qint64 group = createConversation(m_bob, {m_alice.id}, QStringLiteral("Retries"));
    const ApiReply first =
        sendMessage(m_alice, group, QStringLiteral("once"), QStringLiteral("retry-42"));
    const ApiReply second =
        sendMessage(m_alice, group, QStringLiteral("once"), QStringLiteral("retry-42"));
    QCOMPARE(first.status, 201);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.body, first.body);
    const ApiReply page = m_client->get(
        QStringLiteral("/api/conversations/%1/messages").arg(group), m_alice.accessToken);
    QCOMPARE(page.json.value(QStringLiteral("messages")).toArray().size(), 1);
    // Another sender may use the same client id: it is theirs.
    QCOMPARE(
        sendMessage(m_bob, group, QStringLiteral("mine"), QStringLiteral("retry-42")).status, 201);
    // An empty client id is refused rather than silently ignored.
    const ApiReply empty =
        m_client->post(QStringLiteral("/api/conversations/%1/messages").arg(group),
            {{QStringLiteral("content"), QStringLiteral("x")},
                {QStringLiteral("clientMessageId"), QString()}},
            m_alice.accessToken);
    QCOMPARE(empty.status, 400);
    QCOMPARE(empty.errorCode(), QStringLiteral("invalid_client_message_id"));
}

void TestConversations::paginationReturnsEachMessageOnce()
{
    const qint64 group = createConversation(m_alice, {m_bob.id}, QStringLiteral("Long history"));
    QList<qint64> sent;
    for (int i = 0; i < 250; ++i) {
        const ApiReply reply =
            sendMessage(i % 2 ? m_bob : m_alice, group, QStringLiteral("message %1").arg(i));
        QCOMPARE(reply.status, 201);
        sent.append(reply.json.value(QStringLiteral("id")).toInteger());
    }
    QList<qint64> seen;
    QString path = QStringLiteral("/api/conversations/%1/messages?limit=50").arg(group);
    int pages = 0;
    while (true) {
        const ApiReply reply = m_client->get(path, m_bob.accessToken);
        QCOMPARE(reply.status, 200);
        const QJsonArray messages = reply.json.value(QStringLiteral("messages")).toArray();
        QList<qint64> pageIds;
        for (const QJsonValue &message : messages)
            pageIds.append(message[QStringLiteral("id")].toInteger());
        QVERIFY(std::is_sorted(pageIds.begin(), pageIds.end())); // oldest first within a page
        seen = pageIds + seen;
        ++pages;
        if (!reply.json.value(QStringLiteral("hasMore")).toBool())
            break;
        QCOMPARE(messages.size(), 50);
        path = QStringLiteral("/api/conversations/%1/messages?limit=50&before=%2")
                   .arg(group)
                   .arg(pageIds.first());
        QVERIFY(pages < 10);
    }
    QCOMPARE(pages, 5);
    QCOMPARE(seen, sent);

    // Catching up forwards with `after` gives the same messages in order.
    QList<qint64> forwards;
    qint64 after = sent.at(99);
    while (true) {
        const ApiReply reply =
            m_client->get(QStringLiteral("/api/conversations/%1/messages?limit=100&after=%2")
                              .arg(group)
                              .arg(after),
                m_bob.accessToken);
        QCOMPARE(reply.status, 200);
        const QJsonArray messages = reply.json.value(QStringLiteral("messages")).toArray();
        for (const QJsonValue &message : messages)
            forwards.append(message[QStringLiteral("id")].toInteger());
        if (!reply.json.value(QStringLiteral("hasMore")).toBool())
            break;
        after = forwards.last();
    }
    QCOMPARE(forwards, sent.mid(100));
    // The default page is the newest 50.
    const ApiReply newest = m_client->get(
        QStringLiteral("/api/conversations/%1/messages").arg(group), m_alice.accessToken);
    const QJsonArray newestMessages = newest.json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(newestMessages.size(), 50);
    QCOMPARE(newestMessages.last()[QStringLiteral("id")].toInteger(), sent.last());
    QCOMPARE(newest.json.value(QStringLiteral("hasMore")).toBool(), true);
}

void TestConversations::paginationRejectsBadParameters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("code");
    QTest::newRow("limit 0") << QStringLiteral("limit=0") << QStringLiteral("invalid_limit");
    QTest::newRow("limit 101") << QStringLiteral("limit=101") << QStringLiteral("invalid_limit");
    QTest::newRow("limit text") << QStringLiteral("limit=ten") << QStringLiteral("invalid_limit");
    QTest::newRow("before text") << QStringLiteral("before=abc")
                                 << QStringLiteral("invalid_cursor");
    QTest::newRow("before negative")
        << QStringLiteral("before=-5") << QStringLiteral("invalid_cursor");
    QTest::newRow("before and after")
        << QStringLiteral("before=5&after=2") << QStringLiteral("invalid_query");
}

void TestConversations::paginationRejectsBadParameters()
{
    QFETCH(QString, query);
    QFETCH(QString, code);
    const ApiReply reply =
        m_client->get(QStringLiteral("/api/conversations/%1/messages?").arg(m_direct) + query,
            m_alice.accessToken);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), code);
}

void TestConversations::listIsOrderedByActivityWithUnreadCounts()
{
    const qint64 older = createConversation(m_alice, {m_bob.id}, QStringLiteral("Older"));
    const qint64 newer = createConversation(m_alice, {m_bob.id}, QStringLiteral("Newer"));
    QCOMPARE(sendMessage(m_alice, newer, QStringLiteral("first")).status, 201);
    QTest::qWait(5); // distinct activity times
    QCOMPARE(sendMessage(m_alice, older, QStringLiteral("latest of all")).status, 201);
    QCOMPARE(sendMessage(m_alice, older, QStringLiteral("really the latest")).status, 201);

    const ApiReply list = m_client->get(QStringLiteral("/api/conversations"), m_bob.accessToken);
    QCOMPARE(list.status, 200);
    const QJsonArray conversations = list.json.value(QStringLiteral("conversations")).toArray();
    QVERIFY(conversations.size() >= 2);
    const QJsonObject top = conversations.at(0).toObject();
    QCOMPARE(top.value(QStringLiteral("id")).toInteger(), older);
    QCOMPARE(top[QStringLiteral("lastMessage")][QStringLiteral("content")].toString(),
        QStringLiteral("really the latest"));
    QCOMPARE(top.value(QStringLiteral("unreadCount")).toInt(), 2);
    QCOMPARE(conversations.at(1)[QStringLiteral("id")].toInteger(), newer);
    // Your own messages are never unread.
    const ApiReply mine =
        m_client->get(QStringLiteral("/api/conversations/%1").arg(older), m_alice.accessToken);
    QCOMPARE(mine.json.value(QStringLiteral("unreadCount")).toInt(), 0);
    // Every listed conversation has the caller in it.
    for (const QJsonValue &conversation : conversations) {
        bool present = false;
        for (const QJsonValue &participant : conversation[QStringLiteral("participants")].toArray())
            present |=
                participant[QStringLiteral("user")][QStringLiteral("id")].toInteger() == m_bob.id;
        QVERIFY(present);
    }
}

void TestConversations::userLookupAndSearch()
{
    const ApiReply bob =
        m_client->get(QStringLiteral("/api/users/%1").arg(m_bob.id), m_alice.accessToken);
    QCOMPARE(bob.status, 200);
    QCOMPARE(bob.json.value(QStringLiteral("username")).toString(), QStringLiteral("bob"));
    QCOMPARE(bob.json.value(QStringLiteral("online")).toBool(), true);
    const ApiReply nobody = m_client->get(QStringLiteral("/api/users/999999"), m_alice.accessToken);
    QCOMPARE(nobody.status, 404);
    QCOMPARE(nobody.errorCode(), QStringLiteral("user_not_found"));

    const ApiReply found =
        m_client->get(QStringLiteral("/api/users?query=BO"), m_alice.accessToken);
    QCOMPARE(found.status, 200);
    const QJsonArray users = found.json.value(QStringLiteral("users")).toArray();
    QCOMPARE(users.size(), 1);
    QCOMPARE(users.at(0)[QStringLiteral("id")].toInteger(), m_bob.id);
    // The caller is never among the results.
    const ApiReply self =
        m_client->get(QStringLiteral("/api/users?query=alice"), m_alice.accessToken);
    QCOMPARE(self.json.value(QStringLiteral("users")).toArray().size(), 0);
    // LIKE wildcards are plain characters.
    const ApiReply wildcard =
        m_client->get(QStringLiteral("/api/users?query=%25"), m_alice.accessToken);
    QCOMPARE(wildcard.json.value(QStringLiteral("users")).toArray().size(), 0);
    QCOMPARE(m_client->get(QStringLiteral("/api/users?query="), m_alice.accessToken).status, 400);

    // At most 20 results.
    for (int i = 0; i < 22; ++i)
        QVERIFY(registerUser(*m_client, QStringLiteral("many%1").arg(i, 2, 10, QLatin1Char('0'))).id
            > 0);
    const ApiReply many =
        m_client->get(QStringLiteral("/api/users?query=many"), m_alice.accessToken);
    QCOMPARE(many.json.value(QStringLiteral("users")).toArray().size(), 20);
}

QTEST_GUILESS_MAIN(TestConversations)
#include "tst_conversations.moc"
