// Group management over real HTTP and WebSockets: adding, removing and leaving, roles,
// renaming, admin succession, deleting empty groups, and which connections hear of it.
#include "tests/support/rawsql.h"
#include "tests/support/testserver.h"
#include "tests/support/wsprobe.h"

#include "server/core/storage/database.h"
#include "server/core/storage/storage.h"

#include <QCoroTask>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Confab;
using namespace Confab::Server;
using namespace Confab::Testing;

namespace {

const QString kConversationCreated = QStringLiteral("CONVERSATION_CREATED");
const QString kParticipantAdded = QStringLiteral("PARTICIPANT_ADDED");
const QString kParticipantRemoved = QStringLiteral("PARTICIPANT_REMOVED");
const QString kConversationUpdated = QStringLiteral("CONVERSATION_UPDATED");
const QString kMessageCreated = QStringLiteral("MESSAGE_CREATED");

QMap<qint64, QString> rolesOf(const QJsonObject &conversation)
{
    QMap<qint64, QString> roles;
    for (const QJsonValue &participant :
        conversation.value(QStringLiteral("participants")).toArray())
        roles.insert(participant[QStringLiteral("user")][QStringLiteral("id")].toInteger(),
            participant[QStringLiteral("role")].toString());
    return roles;
}

QJsonObject payloadOf(const QJsonObject &frame)
{
    return frame.value(QStringLiteral("payload")).toObject();
}

QCoro::Task<> runJob(Database *database, std::function<Result<qint64>(Storage &)> job,
    std::optional<Result<qint64>> *out)
{
    auto task = database->run<qint64>(std::move(job));
    Result<qint64> result = co_await task;
    out->emplace(std::move(result));
}

} // namespace

class TestGroupManagement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void addingReachesEveryoneAndTheNewcomer();
    void addRejects_data();
    void addRejects();
    void participantCap();
    void removedUserLosesAccessAndEvents();
    void removeRejects_data();
    void removeRejects();
    void leavingKeepsTheGroupForOthers();
    void successionPrefersEarliestJoined();
    void successionBreaksTiesByLowestId();
    void removingAnAdminWhileAnotherRemainsPromotesNobody();
    void emptyGroupIsDeletedWithItsMessages();
    void rolesCanBeChangedByAdmins();
    void roleRejects_data();
    void roleRejects();
    void renaming();
    void renameRejects_data();
    void renameRejects();

private:
    qint64 createGroup(const TestUser &creator, const QList<qint64> &others,
        const QString &title = QStringLiteral("Group"));
    ApiReply call(const QByteArray &method, const QString &path, const QByteArray &body,
        const TestUser &caller);
    ApiReply addParticipant(qint64 conversationId, qint64 userId, const TestUser &caller);
    ApiReply removeParticipant(qint64 conversationId, qint64 userId, const TestUser &caller);
    ApiReply setRole(
        qint64 conversationId, qint64 userId, const QString &role, const TestUser &caller);
    ApiReply rename(qint64 conversationId, const QString &title, const TestUser &caller);
    ApiReply sendMessage(const TestUser &sender, qint64 conversationId, const QString &content);
    const TestUser &user(const QString &name) const;
    /// Takes one frame of `type` from each probe and returns their payloads (empty on timeout).
    QList<QJsonObject> takeFrom(const QList<WsProbe *> &probes, const QString &type);
    void drainAll();
    Result<qint64> scalar(const QString &sql, const QVariantList &values);
    bool expectNoAccess(const TestUser &who, qint64 conversationId);

    TestServer m_server;
    std::unique_ptr<ApiClient> m_client;
    TestUser m_alice, m_bob, m_carol, m_dave, m_erin;
    // Alice and Dave have two devices each; Erin shares no conversation with anyone.
    WsProbe m_aliceLaptop, m_alicePhone, m_bobWs, m_carolWs, m_daveLaptop, m_davePhone, m_erinWs;
    QList<QPair<QString, WsProbe *>> m_probes;
    qint64 m_fixedGroup = 0; ///< Alice (admin) and Bob; never changed, for the rejections
    qint64 m_direct = 0; ///< Alice and Bob
};

void TestGroupManagement::initTestCase()
{
    QString error;
    QVERIFY2(startWithUsers(m_server, m_client,
                 {{QStringLiteral("alice"), &m_alice}, {QStringLiteral("bob"), &m_bob},
                     {QStringLiteral("carol"), &m_carol}, {QStringLiteral("dave"), &m_dave},
                     {QStringLiteral("erin"), &m_erin}},
                 &error),
        qPrintable(error));
    QVERIFY(m_alice.id < m_bob.id && m_bob.id < m_carol.id && m_carol.id < m_dave.id);
    m_probes = {{QStringLiteral("alice laptop"), &m_aliceLaptop},
        {QStringLiteral("alice phone"), &m_alicePhone}, {QStringLiteral("bob"), &m_bobWs},
        {QStringLiteral("carol"), &m_carolWs}, {QStringLiteral("dave laptop"), &m_daveLaptop},
        {QStringLiteral("dave phone"), &m_davePhone}, {QStringLiteral("erin"), &m_erinWs}};
    QVERIFY(m_aliceLaptop.openReady(m_server.wsUrl(), m_alice.accessToken));
    QVERIFY(m_alicePhone.openReady(m_server.wsUrl(), m_alice.accessToken));
    QVERIFY(m_bobWs.openReady(m_server.wsUrl(), m_bob.accessToken));
    QVERIFY(m_carolWs.openReady(m_server.wsUrl(), m_carol.accessToken));
    QVERIFY(m_daveLaptop.openReady(m_server.wsUrl(), m_dave.accessToken));
    QVERIFY(m_davePhone.openReady(m_server.wsUrl(), m_dave.accessToken));
    QVERIFY(m_erinWs.openReady(m_server.wsUrl(), m_erin.accessToken));

    m_fixedGroup = createGroup(m_alice, {m_bob.id}, QStringLiteral("Fixed"));
    QVERIFY(m_fixedGroup > 0);
    const ApiReply direct = m_client->post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"), QJsonArray {m_bob.id}}}, m_alice.accessToken);
    QCOMPARE(direct.status, 201);
    m_direct = direct.json.value(QStringLiteral("id")).toInteger();
    QTest::qWait(200);
    drainAll();
}

// Every test takes the events it expects; whatever is left over went to a connection that
// should not have had it.
void TestGroupManagement::cleanup()
{
    if (!QTest::currentTestFailed()) {
        QTest::qWait(250);
        for (const auto &[name, probe] : std::as_const(m_probes)) {
            for (const QString &type : {kConversationCreated, kParticipantAdded,
                     kParticipantRemoved, kConversationUpdated, kMessageCreated}) {
                QVERIFY2(probe->countOf(type) == 0,
                    qPrintable(QStringLiteral("%1 got an unexpected %2").arg(name, type)));
            }
        }
    }
    drainAll();
}

void TestGroupManagement::drainAll()
{
    for (const auto &entry : std::as_const(m_probes)) {
        for (const QString &type : {kConversationCreated, kParticipantAdded, kParticipantRemoved,
                 kConversationUpdated, kMessageCreated}) {
            while (!entry.second->waitFor(type, 0).isEmpty()) { }
        }
    }
}

qint64 TestGroupManagement::createGroup(
    const TestUser &creator, const QList<qint64> &others, const QString &title)
{
    QJsonArray ids;
    for (qint64 id : others)
        ids.append(id);
    const ApiReply reply = m_client->post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"), ids}, {QStringLiteral("title"), title}},
        creator.accessToken);
    if (reply.status != 201) {
        qWarning() << QStringLiteral("create group:") << reply.status << reply.body;
        return 0;
    }
    // The creation events are not what these tests are about.
    QTest::qWait(100);
    drainAll();
    return reply.json.value(QStringLiteral("id")).toInteger();
}

ApiReply TestGroupManagement::call(
    const QByteArray &method, const QString &path, const QByteArray &body, const TestUser &caller)
{
    return m_client->send(method, path, body, caller.accessToken);
}

ApiReply TestGroupManagement::addParticipant(
    qint64 conversationId, qint64 userId, const TestUser &caller)
{
    return call("POST", QStringLiteral("/api/conversations/%1/participants").arg(conversationId),
        QJsonDocument(QJsonObject {{QStringLiteral("userId"), userId}}).toJson(), caller);
}

ApiReply TestGroupManagement::removeParticipant(
    qint64 conversationId, qint64 userId, const TestUser &caller)
{
    return call("DELETE",
        QStringLiteral("/api/conversations/%1/participants/%2").arg(conversationId).arg(userId),
        QByteArray(), caller);
}

ApiReply TestGroupManagement::setRole(
    qint64 conversationId, qint64 userId, const QString &role, const TestUser &caller)
{
    return call("PATCH",
        QStringLiteral("/api/conversations/%1/participants/%2").arg(conversationId).arg(userId),
        QJsonDocument(QJsonObject {{QStringLiteral("role"), role}}).toJson(), caller);
}

ApiReply TestGroupManagement::rename(
    qint64 conversationId, const QString &title, const TestUser &caller)
{
    return call("PATCH", QStringLiteral("/api/conversations/%1").arg(conversationId),
        QJsonDocument(QJsonObject {{QStringLiteral("title"), title}}).toJson(), caller);
}

ApiReply TestGroupManagement::sendMessage(
    const TestUser &sender, qint64 conversationId, const QString &content)
{
    return m_client->post(QStringLiteral("/api/conversations/%1/messages").arg(conversationId),
        {{QStringLiteral("content"), content}}, sender.accessToken);
}

const TestUser &TestGroupManagement::user(const QString &name) const
{
    if (name == QLatin1String("bob"))
        return m_bob;
    if (name == QLatin1String("carol"))
        return m_carol;
    if (name == QLatin1String("dave"))
        return m_dave;
    if (name == QLatin1String("erin"))
        return m_erin;
    return m_alice;
}

QList<QJsonObject> TestGroupManagement::takeFrom(
    const QList<WsProbe *> &probes, const QString &type)
{
    QList<QJsonObject> payloads;
    for (WsProbe *probe : probes)
        payloads << payloadOf(probe->waitFor(type));
    return payloads;
}

Result<qint64> TestGroupManagement::scalar(const QString &sql, const QVariantList &values)
{
    std::optional<Result<qint64>> result;
    QCoro::waitFor(runJob(
        &m_server.server().database(),
        [sql, values](Storage &storage) { return scalarSql(storage, sql, values); }, &result));
    return std::move(*result);
}

/// The conversation, its history, sending and the list are all closed to `who`.
bool TestGroupManagement::expectNoAccess(const TestUser &who, qint64 conversationId)
{
    const QString path = QStringLiteral("/api/conversations/%1").arg(conversationId);
    const ApiReply got = m_client->get(path, who.accessToken);
    const ApiReply history = m_client->get(path + QStringLiteral("/messages"), who.accessToken);
    const ApiReply sent = sendMessage(who, conversationId, QStringLiteral("still here?"));
    const ApiReply list = m_client->get(QStringLiteral("/api/conversations"), who.accessToken);
    bool listed = false;
    for (const QJsonValue &c : list.json.value(QStringLiteral("conversations")).toArray())
        listed = listed || c[QStringLiteral("id")].toInteger() == conversationId;
    const QString notFound = QStringLiteral("conversation_not_found");
    if (got.status != 404 || got.errorCode() != notFound || history.status != 404
        || history.errorCode() != notFound || sent.status != 404 || sent.errorCode() != notFound
        || list.status != 200 || listed) {
        qWarning() << QStringLiteral("access left:") << got.status << history.status << sent.status
                   << listed;
        return false;
    }
    return true;
}

void TestGroupManagement::addingReachesEveryoneAndTheNewcomer()
{
    const qint64 group = createGroup(m_alice, {m_bob.id}, QStringLiteral("Team"));
    QVERIFY(group > 0);
    QCOMPARE(sendMessage(m_bob, group, QStringLiteral("before carol")).status, 201);
    QCOMPARE(takeFrom({&m_aliceLaptop, &m_alicePhone, &m_bobWs}, kMessageCreated).size(), 3);
    drainAll();

    const ApiReply added = addParticipant(group, m_carol.id, m_alice);
    QCOMPARE(added.status, 200);
    // The response is the group as Alice sees it, Carol in it.
    QCOMPARE(added.json.value(QStringLiteral("id")).toInteger(), group);
    const QMap<qint64, QString> roles = rolesOf(added.json);
    QCOMPARE(roles.size(), 3);
    QCOMPARE(roles.value(m_alice.id), QStringLiteral("admin"));
    QCOMPARE(roles.value(m_carol.id), QStringLiteral("member"));

    // Carol learns of the whole conversation, with nothing unread from before she joined.
    const QJsonObject created = payloadOf(m_carolWs.waitFor(kConversationCreated));
    const QJsonObject conversation = created.value(QStringLiteral("conversation")).toObject();
    QCOMPARE(conversation.value(QStringLiteral("id")).toInteger(), group);
    QCOMPARE(conversation.value(QStringLiteral("title")).toString(), QStringLiteral("Team"));
    QCOMPARE(rolesOf(conversation).size(), 3);
    QCOMPARE(conversation.value(QStringLiteral("unreadCount")).toInt(), 0);
    QCOMPARE(conversation[QStringLiteral("lastMessage")][QStringLiteral("content")].toString(),
        QStringLiteral("before carol"));

    // Everyone in the group, Carol and both of Alice's devices included, hears who joined.
    for (const QJsonObject &payload :
        takeFrom({&m_aliceLaptop, &m_alicePhone, &m_bobWs, &m_carolWs}, kParticipantAdded)) {
        QCOMPARE(payload.value(QStringLiteral("conversationId")).toInteger(), group);
        QCOMPARE(payload[QStringLiteral("user")][QStringLiteral("id")].toInteger(), m_carol.id);
        QCOMPARE(payload[QStringLiteral("user")][QStringLiteral("username")].toString(),
            QStringLiteral("carol"));
        QCOMPARE(payload.value(QStringLiteral("role")).toString(), QStringLiteral("member"));
    }

    // Carol is a full participant at once.
    const ApiReply got =
        m_client->get(QStringLiteral("/api/conversations/%1").arg(group), m_carol.accessToken);
    QCOMPARE(got.status, 200);
    const ApiReply history = m_client->get(
        QStringLiteral("/api/conversations/%1/messages").arg(group), m_carol.accessToken);
    QCOMPARE(history.status, 200);
    QCOMPARE(history.json.value(QStringLiteral("messages")).toArray().size(), 1);
    QCOMPARE(sendMessage(m_carol, group, QStringLiteral("hi all")).status, 201);
    QCOMPARE(
        takeFrom({&m_aliceLaptop, &m_alicePhone, &m_bobWs, &m_carolWs}, kMessageCreated).size(), 4);
}

void TestGroupManagement::addRejects_data()
{
    QTest::addColumn<QString>("caller");
    QTest::addColumn<QString>("target"); // "fixed", "direct" or "missing"
    QTest::addColumn<QByteArray>("body"); // %1 is replaced by the id of the user named in it
    QTest::addColumn<QString>("userName");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("member adds") << QStringLiteral("bob") << QStringLiteral("fixed")
                                 << QByteArray("{\"userId\":%1}") << QStringLiteral("carol") << 403
                                 << QStringLiteral("not_admin");
    QTest::newRow("direct conversation")
        << QStringLiteral("alice") << QStringLiteral("direct") << QByteArray("{\"userId\":%1}")
        << QStringLiteral("carol") << 400 << QStringLiteral("not_a_group");
    QTest::newRow("unknown user") << QStringLiteral("alice") << QStringLiteral("fixed")
                                  << QByteArray("{\"userId\":987654}") << QStringLiteral("") << 400
                                  << QStringLiteral("unknown_user");
    QTest::newRow("already there")
        << QStringLiteral("alice") << QStringLiteral("fixed") << QByteArray("{\"userId\":%1}")
        << QStringLiteral("bob") << 409 << QStringLiteral("already_participant");
    QTest::newRow("adding yourself")
        << QStringLiteral("alice") << QStringLiteral("fixed") << QByteArray("{\"userId\":%1}")
        << QStringLiteral("alice") << 409 << QStringLiteral("already_participant");
    QTest::newRow("outsider") << QStringLiteral("erin") << QStringLiteral("fixed")
                              << QByteArray("{\"userId\":%1}") << QStringLiteral("erin") << 404
                              << QStringLiteral("conversation_not_found");
    QTest::newRow("no such conversation")
        << QStringLiteral("alice") << QStringLiteral("missing") << QByteArray("{\"userId\":%1}")
        << QStringLiteral("carol") << 404 << QStringLiteral("conversation_not_found");
    QTest::newRow("id as string") << QStringLiteral("alice") << QStringLiteral("fixed")
                                  << QByteArray("{\"userId\":\"3\"}") << QStringLiteral("") << 400
                                  << QStringLiteral("invalid_field");
    QTest::newRow("id missing") << QStringLiteral("alice") << QStringLiteral("fixed")
                                << QByteArray("{}") << QStringLiteral("") << 400
                                << QStringLiteral("missing_field");
    QTest::newRow("id null") << QStringLiteral("alice") << QStringLiteral("fixed")
                             << QByteArray("{\"userId\":null}") << QStringLiteral("") << 400
                             << QStringLiteral("missing_field");
    QTest::newRow("not json") << QStringLiteral("alice") << QStringLiteral("fixed")
                              << QByteArray("{") << QStringLiteral("") << 400
                              << QStringLiteral("invalid_json");
}

void TestGroupManagement::addRejects()
{
    QFETCH(QString, caller);
    QFETCH(QString, target);
    QFETCH(QByteArray, body);
    QFETCH(QString, userName);
    QFETCH(int, status);
    QFETCH(QString, code);
    const qint64 conversation = target == QLatin1String("fixed") ? m_fixedGroup
        : target == QLatin1String("direct")                      ? m_direct
                                                                 : 987654;
    if (!userName.isEmpty())
        body = QString::fromUtf8(body).arg(user(userName).id).toUtf8();
    const ApiReply reply = call("POST",
        QStringLiteral("/api/conversations/%1/participants").arg(conversation), body, user(caller));
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    if (code == QLatin1String("conversation_not_found")) {
        // An outsider cannot tell a hidden group from a missing one.
        const ApiReply missing =
            m_client->get(QStringLiteral("/api/conversations/987654"), user(caller).accessToken);
        QCOMPARE(reply.body, missing.body);
    }
    const ApiReply fixed = m_client->get(
        QStringLiteral("/api/conversations/%1").arg(m_fixedGroup), m_alice.accessToken);
    QCOMPARE(rolesOf(fixed.json).size(), 2);
}

void TestGroupManagement::participantCap()
{
    // 998 accounts straight into the database: registering them over HTTP would spend minutes
    // hashing passwords. With Alice and Bob the group then has exactly 1000 participants.
    std::optional<Result<qint64>> made;
    QCoro::waitFor(runJob(
        &m_server.server().database(),
        [](Storage &storage) -> Result<qint64> {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            for (int i = 0; i < 998; ++i) {
                const QString name = QStringLiteral("bulk%1").arg(i, 4, 10, QLatin1Char('0'));
                Result<User> created = storage.users().create(
                    NewUser(name, name, QStringLiteral("$argon2id$not-a-login"), now));
                if (!created)
                    return created.error();
            }
            return qint64(998);
        },
        &made));
    QVERIFY(made.has_value() && bool(*made));
    const Result<qint64> firstBulk =
        scalar(QStringLiteral("SELECT MIN(id) FROM users WHERE username = ?"),
            {QStringLiteral("bulk0000")});
    QVERIFY(bool(firstBulk));
    QList<qint64> others {m_bob.id};
    for (qint64 i = 0; i < 998; ++i)
        others << *firstBulk + i;
    const qint64 group = createGroup(m_alice, others, QStringLiteral("Everyone"));
    QVERIFY(group > 0);
    QCOMPARE(*scalar(QStringLiteral("SELECT COUNT(*) FROM participants WHERE conversation_id = ?"),
                 {group}),
        qint64(1000));

    const ApiReply full = addParticipant(group, m_carol.id, m_alice);
    QCOMPARE(full.status, 400);
    QCOMPARE(full.errorCode(), QStringLiteral("too_many_participants"));

    // One place freed, Carol fits.
    QCOMPARE(removeParticipant(group, *firstBulk, m_alice).status, 204);
    takeFrom({&m_aliceLaptop, &m_alicePhone, &m_bobWs}, kParticipantRemoved);
    const ApiReply added = addParticipant(group, m_carol.id, m_alice);
    QCOMPARE(added.status, 200);
    QCOMPARE(rolesOf(added.json).size(), 1000);
    QVERIFY(!m_carolWs.waitFor(kConversationCreated).isEmpty());
    QCOMPARE(
        takeFrom({&m_aliceLaptop, &m_alicePhone, &m_bobWs, &m_carolWs}, kParticipantAdded).size(),
        4);
    const ApiReply again = addParticipant(group, m_dave.id, m_alice);
    QCOMPARE(again.errorCode(), QStringLiteral("too_many_participants"));
}

void TestGroupManagement::removedUserLosesAccessAndEvents()
{
    const qint64 group = createGroup(m_alice, {m_bob.id, m_dave.id}, QStringLiteral("Crew"));
    QVERIFY(group > 0);

    QCOMPARE(removeParticipant(group, m_dave.id, m_alice).status, 204);
    // The others, and both of Dave's devices, so that each of them drops the group.
    for (const QJsonObject &payload :
        takeFrom({&m_aliceLaptop, &m_alicePhone, &m_bobWs, &m_daveLaptop, &m_davePhone},
            kParticipantRemoved)) {
        QCOMPARE(payload.value(QStringLiteral("conversationId")).toInteger(), group);
        QCOMPARE(payload.value(QStringLiteral("userId")).toInteger(), m_dave.id);
    }
    QVERIFY(expectNoAccess(m_dave, group));

    // Nothing that happens later reaches either of Dave's devices.
    QCOMPARE(sendMessage(m_bob, group, QStringLiteral("dave is gone")).status, 201);
    QCOMPARE(takeFrom({&m_aliceLaptop, &m_alicePhone, &m_bobWs}, kMessageCreated).size(), 3);
    QCOMPARE(rename(group, QStringLiteral("Crew without Dave"), m_alice).status, 200);
    QCOMPARE(takeFrom({&m_aliceLaptop, &m_alicePhone, &m_bobWs}, kConversationUpdated).size(), 3);
    QVERIFY(m_daveLaptop.staysSilent(kMessageCreated, 300));
    QVERIFY(m_davePhone.staysSilent(kMessageCreated, 0));
    QVERIFY(m_davePhone.staysSilent(kConversationUpdated, 0));

    // Removing him twice finds nobody to remove.
    const ApiReply twice = removeParticipant(group, m_dave.id, m_alice);
    QCOMPARE(twice.status, 404);
    QCOMPARE(twice.errorCode(), QStringLiteral("participant_not_found"));
    // Nor can he act on the group any more.
    const ApiReply dave = addParticipant(group, m_carol.id, m_dave);
    QCOMPARE(dave.status, 404);
    QCOMPARE(dave.errorCode(), QStringLiteral("conversation_not_found"));
}

void TestGroupManagement::removeRejects_data()
{
    QTest::addColumn<QString>("caller");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("removed");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("member removes admin")
        << QStringLiteral("bob") << QStringLiteral("fixed") << QStringLiteral("alice") << 403
        << QStringLiteral("not_admin");
    // A member may remove nobody but themself, whoever is named.
    QTest::newRow("member removes outsider")
        << QStringLiteral("bob") << QStringLiteral("fixed") << QStringLiteral("carol") << 403
        << QStringLiteral("not_admin");
    QTest::newRow("admin removes outsider")
        << QStringLiteral("alice") << QStringLiteral("fixed") << QStringLiteral("carol") << 404
        << QStringLiteral("participant_not_found");
    QTest::newRow("direct conversation")
        << QStringLiteral("alice") << QStringLiteral("direct") << QStringLiteral("bob") << 400
        << QStringLiteral("not_a_group");
    QTest::newRow("leaving a direct conversation")
        << QStringLiteral("bob") << QStringLiteral("direct") << QStringLiteral("bob") << 400
        << QStringLiteral("not_a_group");
    QTest::newRow("outsider") << QStringLiteral("erin") << QStringLiteral("fixed")
                              << QStringLiteral("bob") << 404
                              << QStringLiteral("conversation_not_found");
    QTest::newRow("outsider removes themself")
        << QStringLiteral("erin") << QStringLiteral("fixed") << QStringLiteral("erin") << 404
        << QStringLiteral("conversation_not_found");
    QTest::newRow("no such conversation")
        << QStringLiteral("alice") << QStringLiteral("missing") << QStringLiteral("bob") << 404
        << QStringLiteral("conversation_not_found");
}

void TestGroupManagement::removeRejects()
{
    QFETCH(QString, caller);
    QFETCH(QString, target);
    QFETCH(QString, removed);
    QFETCH(int, status);
    QFETCH(QString, code);
    const qint64 conversation = target == QLatin1String("fixed") ? m_fixedGroup
        : target == QLatin1String("direct")                      ? m_direct
                                                                 : 987654;
    const ApiReply reply = removeParticipant(conversation, user(removed).id, user(caller));
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    const ApiReply fixed = m_client->get(
        QStringLiteral("/api/conversations/%1").arg(m_fixedGroup), m_alice.accessToken);
    QCOMPARE(rolesOf(fixed.json).size(), 2);
    const ApiReply direct =
        m_client->get(QStringLiteral("/api/conversations/%1").arg(m_direct), m_bob.accessToken);
    QCOMPARE(direct.status, 200);
}

void TestGroupManagement::leavingKeepsTheGroupForOthers()
{
    const qint64 group = createGroup(m_alice, {m_bob.id, m_carol.id}, QStringLiteral("Club"));
    QVERIFY(group > 0);
    QCOMPARE(removeParticipant(group, m_bob.id, m_bob).status, 204);
    for (const QJsonObject &payload :
        takeFrom({&m_aliceLaptop, &m_alicePhone, &m_carolWs, &m_bobWs}, kParticipantRemoved))
        QCOMPARE(payload.value(QStringLiteral("userId")).toInteger(), m_bob.id);
    QVERIFY(expectNoAccess(m_bob, group));
    const ApiReply got =
        m_client->get(QStringLiteral("/api/conversations/%1").arg(group), m_carol.accessToken);
    QCOMPARE(got.status, 200);
    const QMap<qint64, QString> roles = rolesOf(got.json);
    QCOMPARE(roles.keys(), (QList<qint64> {m_alice.id, m_carol.id}));
    QCOMPARE(roles.value(m_alice.id), QStringLiteral("admin")); // an admin remains: no change
}

void TestGroupManagement::successionPrefersEarliestJoined()
{
    // Carol makes a group with Dave, then adds Bob, whose id is lower but who joined later.
    const qint64 group = createGroup(m_carol, {m_dave.id}, QStringLiteral("Succession"));
    QVERIFY(group > 0);
    QTest::qWait(20); // joined_at has millisecond resolution
    QCOMPARE(addParticipant(group, m_bob.id, m_carol).status, 200);
    QTest::qWait(100);
    drainAll();

    QCOMPARE(removeParticipant(group, m_carol.id, m_carol).status, 204);
    QCOMPARE(
        takeFrom({&m_carolWs, &m_bobWs, &m_daveLaptop, &m_davePhone}, kParticipantRemoved).size(),
        4);
    // The remaining members (both of Dave's devices) learn who administers the group now;
    // Carol, who left, does not.
    for (const QJsonObject &payload :
        takeFrom({&m_bobWs, &m_daveLaptop, &m_davePhone}, kConversationUpdated)) {
        const QJsonObject conversation = payload.value(QStringLiteral("conversation")).toObject();
        QCOMPARE(conversation.value(QStringLiteral("id")).toInteger(), group);
        const QMap<qint64, QString> roles = rolesOf(conversation);
        QCOMPARE(roles.size(), 2);
        QCOMPARE(roles.value(m_dave.id), QStringLiteral("admin"));
        QCOMPARE(roles.value(m_bob.id), QStringLiteral("member"));
        QCOMPARE(conversation.value(QStringLiteral("unreadCount")).toInt(), 0);
    }
    const ApiReply got =
        m_client->get(QStringLiteral("/api/conversations/%1").arg(group), m_bob.accessToken);
    QCOMPARE(rolesOf(got.json).value(m_dave.id), QStringLiteral("admin"));
    // Dave can now act as an admin.
    QCOMPARE(rename(group, QStringLiteral("Dave's group"), m_dave).status, 200);
    QCOMPARE(takeFrom({&m_bobWs, &m_daveLaptop, &m_davePhone}, kConversationUpdated).size(), 3);
}

void TestGroupManagement::successionBreaksTiesByLowestId()
{
    // Created in one go, Dave and Carol joined at the same moment: the lower id wins.
    const qint64 group = createGroup(m_alice, {m_dave.id, m_carol.id}, QStringLiteral("Ties"));
    QVERIFY(group > 0);
    QCOMPARE(removeParticipant(group, m_alice.id, m_alice).status, 204);
    QCOMPARE(takeFrom({&m_aliceLaptop, &m_alicePhone, &m_carolWs, &m_daveLaptop, &m_davePhone},
                 kParticipantRemoved)
                 .size(),
        5);
    for (const QJsonObject &payload :
        takeFrom({&m_carolWs, &m_daveLaptop, &m_davePhone}, kConversationUpdated)) {
        const QMap<qint64, QString> roles =
            rolesOf(payload.value(QStringLiteral("conversation")).toObject());
        QCOMPARE(roles.value(m_carol.id), QStringLiteral("admin"));
        QCOMPARE(roles.value(m_dave.id), QStringLiteral("member"));
    }
}

void TestGroupManagement::removingAnAdminWhileAnotherRemainsPromotesNobody()
{
    const qint64 group = createGroup(m_alice, {m_bob.id, m_carol.id}, QStringLiteral("Two"));
    QVERIFY(group > 0);
    QCOMPARE(setRole(group, m_carol.id, QStringLiteral("admin"), m_alice).status, 200);
    QCOMPARE(takeFrom({&m_aliceLaptop, &m_alicePhone, &m_bobWs, &m_carolWs}, kConversationUpdated)
                 .size(),
        4);
    // Carol, an admin, removes Alice, an admin: Carol remains, so Bob is not promoted.
    QCOMPARE(removeParticipant(group, m_alice.id, m_carol).status, 204);
    QCOMPARE(
        takeFrom({&m_aliceLaptop, &m_alicePhone, &m_bobWs, &m_carolWs}, kParticipantRemoved).size(),
        4);
    const ApiReply got =
        m_client->get(QStringLiteral("/api/conversations/%1").arg(group), m_bob.accessToken);
    const QMap<qint64, QString> roles = rolesOf(got.json);
    QCOMPARE(roles.value(m_carol.id), QStringLiteral("admin"));
    QCOMPARE(roles.value(m_bob.id), QStringLiteral("member"));
    QVERIFY(expectNoAccess(m_alice, group));
}

void TestGroupManagement::emptyGroupIsDeletedWithItsMessages()
{
    const qint64 group = createGroup(m_alice, {m_bob.id}, QStringLiteral("Short-lived"));
    QVERIFY(group > 0);
    QCOMPARE(sendMessage(m_alice, group, QStringLiteral("one")).status, 201);
    QCOMPARE(sendMessage(m_bob, group, QStringLiteral("two")).status, 201);
    QTest::qWait(100);
    drainAll();
    const QString messages =
        QStringLiteral("SELECT COUNT(*) FROM messages WHERE conversation_id = ?");
    QCOMPARE(*scalar(messages, {group}), qint64(2));

    QCOMPARE(removeParticipant(group, m_alice.id, m_alice).status, 204);
    QCOMPARE(takeFrom({&m_aliceLaptop, &m_alicePhone, &m_bobWs}, kParticipantRemoved).size(), 3);
    // Bob, the only one left, becomes admin.
    const QJsonObject updated = m_bobWs.waitFor(kConversationUpdated);
    QCOMPARE(rolesOf(payloadOf(updated).value(QStringLiteral("conversation")).toObject())
                 .value(m_bob.id),
        QStringLiteral("admin"));

    QCOMPARE(removeParticipant(group, m_bob.id, m_bob).status, 204);
    const QJsonObject last = payloadOf(m_bobWs.waitFor(kParticipantRemoved));
    QCOMPARE(last.value(QStringLiteral("userId")).toInteger(), m_bob.id);
    QCOMPARE(*scalar(QStringLiteral("SELECT COUNT(*) FROM conversations WHERE id = ?"), {group}),
        qint64(0));
    QCOMPARE(*scalar(messages, {group}), qint64(0));
    QCOMPARE(*scalar(QStringLiteral("SELECT COUNT(*) FROM participants WHERE conversation_id = ?"),
                 {group}),
        qint64(0));
    QVERIFY(expectNoAccess(m_alice, group));
    QVERIFY(expectNoAccess(m_bob, group));
    QCOMPARE(removeParticipant(group, m_bob.id, m_bob).errorCode(),
        QStringLiteral("conversation_not_found"));
}

void TestGroupManagement::rolesCanBeChangedByAdmins()
{
    const qint64 group = createGroup(m_alice, {m_bob.id, m_carol.id}, QStringLiteral("Roles"));
    QVERIFY(group > 0);

    const ApiReply promoted = setRole(group, m_bob.id, QStringLiteral("admin"), m_alice);
    QCOMPARE(promoted.status, 200);
    QCOMPARE(rolesOf(promoted.json).value(m_bob.id), QStringLiteral("admin"));
    for (const QJsonObject &payload :
        takeFrom({&m_aliceLaptop, &m_alicePhone, &m_bobWs, &m_carolWs}, kConversationUpdated)) {
        const QJsonObject conversation = payload.value(QStringLiteral("conversation")).toObject();
        QCOMPARE(conversation.value(QStringLiteral("id")).toInteger(), group);
        QCOMPARE(rolesOf(conversation).value(m_bob.id), QStringLiteral("admin"));
    }

    // Asking for what already is changes nothing and tells nobody.
    QCOMPARE(setRole(group, m_bob.id, QStringLiteral("admin"), m_alice).status, 200);
    QVERIFY(m_bobWs.staysSilent(kConversationUpdated, 300));

    // Bob, now an admin, demotes Alice; she can no longer manage the group.
    QCOMPARE(setRole(group, m_alice.id, QStringLiteral("member"), m_bob).status, 200);
    QCOMPARE(takeFrom({&m_aliceLaptop, &m_alicePhone, &m_bobWs, &m_carolWs}, kConversationUpdated)
                 .size(),
        4);
    const ApiReply selfPromotion = setRole(group, m_alice.id, QStringLiteral("admin"), m_alice);
    QCOMPARE(selfPromotion.status, 403);
    QCOMPARE(selfPromotion.errorCode(), QStringLiteral("not_admin"));
    QCOMPARE(
        rename(group, QStringLiteral("Mine"), m_alice).errorCode(), QStringLiteral("not_admin"));
    QCOMPARE(addParticipant(group, m_dave.id, m_alice).errorCode(), QStringLiteral("not_admin"));

    // Bob is the last admin: he cannot step down, the group would have nobody to run it.
    const ApiReply lastAdmin = setRole(group, m_bob.id, QStringLiteral("member"), m_bob);
    QCOMPARE(lastAdmin.status, 409);
    QCOMPARE(lastAdmin.errorCode(), QStringLiteral("last_admin"));
    // With a second admin he can.
    QCOMPARE(setRole(group, m_carol.id, QStringLiteral("admin"), m_bob).status, 200);
    QCOMPARE(takeFrom({&m_aliceLaptop, &m_alicePhone, &m_bobWs, &m_carolWs}, kConversationUpdated)
                 .size(),
        4);
    const ApiReply stepDown = setRole(group, m_bob.id, QStringLiteral("member"), m_bob);
    QCOMPARE(stepDown.status, 200);
    QCOMPARE(rolesOf(stepDown.json).value(m_bob.id), QStringLiteral("member"));
    QCOMPARE(rolesOf(stepDown.json).value(m_carol.id), QStringLiteral("admin"));
    QCOMPARE(takeFrom({&m_aliceLaptop, &m_alicePhone, &m_bobWs, &m_carolWs}, kConversationUpdated)
                 .size(),
        4);
}

void TestGroupManagement::roleRejects_data()
{
    QTest::addColumn<QString>("caller");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const QByteArray admin("{\"role\":\"admin\"}");
    QTest::newRow("member promotes")
        << QStringLiteral("bob") << QStringLiteral("fixed") << QStringLiteral("bob") << admin << 403
        << QStringLiteral("not_admin");
    QTest::newRow("unknown role") << QStringLiteral("alice") << QStringLiteral("fixed")
                                  << QStringLiteral("bob") << QByteArray("{\"role\":\"owner\"}")
                                  << 400 << QStringLiteral("invalid_role");
    QTest::newRow("role in capitals")
        << QStringLiteral("alice") << QStringLiteral("fixed") << QStringLiteral("bob")
        << QByteArray("{\"role\":\"ADMIN\"}") << 400 << QStringLiteral("invalid_role");
    QTest::newRow("role not a string")
        << QStringLiteral("alice") << QStringLiteral("fixed") << QStringLiteral("bob")
        << QByteArray("{\"role\":1}") << 400 << QStringLiteral("invalid_field");
    QTest::newRow("role missing") << QStringLiteral("alice") << QStringLiteral("fixed")
                                  << QStringLiteral("bob") << QByteArray("{}") << 400
                                  << QStringLiteral("missing_field");
    QTest::newRow("last admin demotes themself")
        << QStringLiteral("alice") << QStringLiteral("fixed") << QStringLiteral("alice")
        << QByteArray("{\"role\":\"member\"}") << 409 << QStringLiteral("last_admin");
    QTest::newRow("not in the group")
        << QStringLiteral("alice") << QStringLiteral("fixed") << QStringLiteral("carol") << admin
        << 404 << QStringLiteral("participant_not_found");
    QTest::newRow("direct conversation")
        << QStringLiteral("alice") << QStringLiteral("direct") << QStringLiteral("bob") << admin
        << 400 << QStringLiteral("not_a_group");
    QTest::newRow("outsider") << QStringLiteral("erin") << QStringLiteral("fixed")
                              << QStringLiteral("bob") << admin << 404
                              << QStringLiteral("conversation_not_found");
    QTest::newRow("no such conversation")
        << QStringLiteral("alice") << QStringLiteral("missing") << QStringLiteral("bob") << admin
        << 404 << QStringLiteral("conversation_not_found");
}

void TestGroupManagement::roleRejects()
{
    QFETCH(QString, caller);
    QFETCH(QString, target);
    QFETCH(QString, subject);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const qint64 conversation = target == QLatin1String("fixed") ? m_fixedGroup
        : target == QLatin1String("direct")                      ? m_direct
                                                                 : 987654;
    const ApiReply reply = call("PATCH",
        QStringLiteral("/api/conversations/%1/participants/%2")
            .arg(conversation)
            .arg(user(subject).id),
        body, user(caller));
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    const ApiReply fixed = m_client->get(
        QStringLiteral("/api/conversations/%1").arg(m_fixedGroup), m_alice.accessToken);
    QCOMPARE(rolesOf(fixed.json),
        (QMap<qint64, QString> {
            {m_alice.id, QStringLiteral("admin")}, {m_bob.id, QStringLiteral("member")}}));
}

void TestGroupManagement::renaming()
{
    const qint64 group = createGroup(m_alice, {m_bob.id}, QStringLiteral("Old name"));
    QVERIFY(group > 0);
    const ApiReply renamed = rename(group, QStringLiteral("  New name  "), m_alice);
    QCOMPARE(renamed.status, 200);
    QCOMPARE(renamed.json.value(QStringLiteral("title")).toString(), QStringLiteral("New name"));
    for (const QJsonObject &payload :
        takeFrom({&m_aliceLaptop, &m_alicePhone, &m_bobWs}, kConversationUpdated)) {
        const QJsonObject conversation = payload.value(QStringLiteral("conversation")).toObject();
        QCOMPARE(conversation.value(QStringLiteral("id")).toInteger(), group);
        QCOMPARE(
            conversation.value(QStringLiteral("title")).toString(), QStringLiteral("New name"));
    }
    const ApiReply got =
        m_client->get(QStringLiteral("/api/conversations/%1").arg(group), m_bob.accessToken);
    QCOMPARE(got.json.value(QStringLiteral("title")).toString(), QStringLiteral("New name"));

    // The same title again: nothing changes, nobody is told.
    QCOMPARE(rename(group, QStringLiteral("New name"), m_alice).status, 200);
    QVERIFY(m_bobWs.staysSilent(kConversationUpdated, 300));

    // 100 emoji are 100 characters (200 UTF-16 units): allowed.
    QString emoji;
    for (int i = 0; i < 100; ++i)
        emoji += QString::fromUtf8("\xF0\x9F\x8E\x89");
    const ApiReply longest = rename(group, emoji, m_alice);
    QCOMPARE(longest.status, 200);
    QCOMPARE(longest.json.value(QStringLiteral("title")).toString(), emoji);
    QCOMPARE(takeFrom({&m_aliceLaptop, &m_alicePhone, &m_bobWs}, kConversationUpdated).size(), 3);
}

void TestGroupManagement::renameRejects_data()
{
    QTest::addColumn<QString>("caller");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    const QByteArray fine("{\"title\":\"Fine\"}");
    QTest::newRow("member renames") << QStringLiteral("bob") << QStringLiteral("fixed") << fine
                                    << 403 << QStringLiteral("not_admin");
    QTest::newRow("blank") << QStringLiteral("alice") << QStringLiteral("fixed")
                           << QByteArray("{\"title\":\"   \"}") << 400
                           << QStringLiteral("invalid_title");
    QTest::newRow("empty") << QStringLiteral("alice") << QStringLiteral("fixed")
                           << QByteArray("{\"title\":\"\"}") << 400
                           << QStringLiteral("invalid_title");
    QTest::newRow("101 characters")
        << QStringLiteral("alice") << QStringLiteral("fixed")
        << (QByteArray("{\"title\":\"") + QByteArray(101, 'x') + QByteArray("\"}")) << 400
        << QStringLiteral("invalid_title");
    QTest::newRow("not a string") << QStringLiteral("alice") << QStringLiteral("fixed")
                                  << QByteArray("{\"title\":7}") << 400
                                  << QStringLiteral("invalid_field");
    QTest::newRow("missing") << QStringLiteral("alice") << QStringLiteral("fixed")
                             << QByteArray("{}") << 400 << QStringLiteral("missing_field");
    QTest::newRow("null") << QStringLiteral("alice") << QStringLiteral("fixed")
                          << QByteArray("{\"title\":null}") << 400
                          << QStringLiteral("missing_field");
    QTest::newRow("direct conversation") << QStringLiteral("alice") << QStringLiteral("direct")
                                         << fine << 400 << QStringLiteral("not_a_group");
    QTest::newRow("outsider") << QStringLiteral("erin") << QStringLiteral("fixed") << fine << 404
                              << QStringLiteral("conversation_not_found");
    QTest::newRow("no such conversation")
        << QStringLiteral("alice") << QStringLiteral("missing") << fine << 404
        << QStringLiteral("conversation_not_found");
}

void TestGroupManagement::renameRejects()
{
    QFETCH(QString, caller);
    QFETCH(QString, target);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const qint64 conversation = target == QLatin1String("fixed") ? m_fixedGroup
        : target == QLatin1String("direct")                      ? m_direct
                                                                 : 987654;
    const ApiReply reply = call(
        "PATCH", QStringLiteral("/api/conversations/%1").arg(conversation), body, user(caller));
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.errorCode(), code);
    const ApiReply fixed = m_client->get(
        QStringLiteral("/api/conversations/%1").arg(m_fixedGroup), m_alice.accessToken);
    QCOMPARE(fixed.json.value(QStringLiteral("title")).toString(), QStringLiteral("Fixed"));
    const ApiReply direct =
        m_client->get(QStringLiteral("/api/conversations/%1").arg(m_direct), m_bob.accessToken);
    QVERIFY(direct.json.value(QStringLiteral("title")).isNull());
}

QTEST_GUILESS_MAIN(TestGroupManagement)
#include "tst_groupmanagement.moc"
