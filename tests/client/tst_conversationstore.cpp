// ConversationStore and ConversationListModel against a real server: the list ordered by
// activity with unread counts, live updates from events, catch-up after a reconnect.
#include "app/core/apiclient.h"
#include "app/core/conversationlistmodel.h"
#include "app/core/conversationstore.h"
#include "app/core/memorysecretstore.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"
#include "tests/client/clienttesthelpers.h"
#include "tests/support/testserver.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Confab;
using namespace Confab::Client;
using namespace Confab::Testing;

using Role = ConversationListModel::Role;

class TestConversationStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadsInOrderOfActivityWithUnreadCounts();
    void followsLiveEvents();
    void catchesUpAfterReconnect();
    void appliesGroupAndProfileEvents();
    void cleanupTestCase();

private:
    qint64 create(const TestUser &creator, const QList<qint64> &others, const QString &title);
    void post(const TestUser &sender, qint64 conversationId, const QString &content);
    QList<qint64> order() const;

    TestServer m_server;
    std::unique_ptr<Testing::ApiClient> m_http;
    TestUser m_alice, m_bob, m_carol;
    MemorySecretStore m_secrets;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<RealtimeClient> m_realtime;
    std::unique_ptr<ConversationStore> m_store;
    std::unique_ptr<ConversationListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    qint64 m_direct = 0, m_group = 0, m_later = 0;
};

void TestConversationStore::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_http = std::make_unique<Testing::ApiClient>(m_server.httpUrl());
    m_alice = registerUser(*m_http, QStringLiteral("alice"));
    m_bob = registerUser(*m_http, QStringLiteral("bob"));
    m_carol = registerUser(*m_http, QStringLiteral("carol"));
    QVERIFY(m_alice.id && m_bob.id && m_carol.id);
    m_session = std::make_unique<Session>(m_server.httpUrl(), &m_secrets);
    QVERIFY(await(m_session->signIn(QStringLiteral("alice"), QStringLiteral("correct horse"))));
    m_realtime = std::make_unique<RealtimeClient>(m_session.get());
    m_realtime->setBackoff(std::chrono::milliseconds(100), std::chrono::milliseconds(400));
}

void TestConversationStore::cleanupTestCase()
{
    m_tester.reset();
    m_model.reset();
    m_store.reset();
    m_realtime.reset();
    m_session.reset();
}

qint64 TestConversationStore::create(
    const TestUser &creator, const QList<qint64> &others, const QString &title)
{
    QJsonArray ids;
    for (qint64 id : others)
        ids.append(id);
    QJsonObject body {{QStringLiteral("participantIds"), ids}};
    if (!title.isEmpty())
        body.insert(QStringLiteral("title"), title);
    const Testing::ApiReply reply =
        m_http->post(QStringLiteral("/api/conversations"), body, creator.accessToken);
    return reply.status == 201 ? reply.json.value(QStringLiteral("id")).toInteger() : 0;
}

void TestConversationStore::post(
    const TestUser &sender, qint64 conversationId, const QString &content)
{
    const Testing::ApiReply reply =
        m_http->post(QStringLiteral("/api/conversations/%1/messages").arg(conversationId),
            {{QStringLiteral("content"), content}}, sender.accessToken);
    QCOMPARE(reply.status, 201);
    QTest::qWait(5); // distinct activity times
}

QList<qint64> TestConversationStore::order() const
{
    QList<qint64> ids;
    for (int row = 0; row < m_model->rowCount(); ++row)
        ids.append(m_model->index(row).data(Role::IdRole).toLongLong());
    return ids;
}

void TestConversationStore::loadsInOrderOfActivityWithUnreadCounts()
{
    m_direct = create(m_bob, {m_alice.id}, {});
    m_group = create(m_carol, {m_alice.id, m_bob.id}, QStringLiteral("Planning"));
    QVERIFY(m_direct && m_group);
    post(m_bob, m_direct, QStringLiteral("one"));
    post(m_bob, m_direct, QStringLiteral("two"));
    post(m_carol, m_group, QStringLiteral("group hello")); // the group is now the latest

    m_store = std::make_unique<ConversationStore>(m_session.get(), m_realtime.get());
    m_model = std::make_unique<ConversationListModel>(m_store.get(), m_alice.id);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_store->load();
    QTRY_VERIFY(m_store->isLoaded());

    QCOMPARE(order(), (QList<qint64> {m_group, m_direct}));
    QCOMPARE(m_model->index(0).data().toString(), QStringLiteral("Planning"));
    QCOMPARE(m_model->index(0).data(Role::IsGroupRole).toBool(), true);
    QCOMPARE(m_model->index(0).data(Role::UnreadCountRole).toInt(), 1);
    QCOMPARE(
        m_model->index(0).data(Role::LastMessageRole).toString(), QStringLiteral("group hello"));
    QCOMPARE(m_model->index(1).data().toString(), QStringLiteral("bob")); // the other person
    QCOMPARE(m_model->index(1).data(Role::UnreadCountRole).toInt(), 2);
}

void TestConversationStore::followsLiveEvents()
{
    QSignalSpy ready(m_realtime.get(), &RealtimeClient::ready);
    m_realtime->start();
    QVERIFY(ready.wait());
    QTest::qWait(200); // the reload after READY finishes

    // Bob writes in the direct conversation: it rises to the top, one more unread.
    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
    post(m_bob, m_direct, QStringLiteral("three"));
    QTRY_COMPARE(order(), (QList<qint64> {m_direct, m_group}));
    QCOMPARE(moved.count(), 1);
    QCOMPARE(m_model->index(0).data(Role::UnreadCountRole).toInt(), 3);
    QCOMPARE(m_model->index(0).data(Role::LastMessageRole).toString(), QStringLiteral("three"));

    // Alice's own message raises the group without counting as unread.
    post(m_alice, m_group, QStringLiteral("mine"));
    QTRY_COMPARE(order(), (QList<qint64> {m_group, m_direct}));
    QCOMPARE(m_model->index(0).data(Role::UnreadCountRole).toInt(), 1);

    // A new conversation appears at the top.
    m_later = create(m_carol, {m_alice.id}, {});
    QVERIFY(m_later);
    QTRY_COMPARE(order(), (QList<qint64> {m_later, m_group, m_direct}));
    QCOMPARE(m_model->index(0).data().toString(), QStringLiteral("carol"));

    // Reading up to the newest message tells the server; its READ event zeroes the badge,
    // and the server's own count agrees.
    const Conversation &group = m_store->at(m_store->rowOf(m_group));
    QVERIFY(group.lastMessage);
    m_store->markRead(m_group, group.lastMessage->id);
    QTRY_COMPARE(m_model->index(1).data(Role::UnreadCountRole).toInt(), 0);
    const Testing::ApiReply fetched =
        m_http->get(QStringLiteral("/api/conversations/%1").arg(m_group), m_alice.accessToken);
    QCOMPARE(fetched.json.value(QStringLiteral("unreadCount")).toInt(), 0);
}

void TestConversationStore::catchesUpAfterReconnect()
{
    m_realtime->setBackoff(std::chrono::milliseconds(3000), std::chrono::milliseconds(3000));
    m_server.stop();
    QTRY_COMPARE(m_realtime->state(), RealtimeClient::State::Reconnecting);
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    // While alice's WebSocket is still down: a message in the oldest conversation, and a
    // conversation she has not heard of.
    post(m_bob, m_direct, QStringLiteral("while you were away"));
    const qint64 unseen = create(m_bob, {m_alice.id, m_carol.id}, QStringLiteral("Unseen"));
    QVERIFY(unseen);
    QCOMPARE(order(), (QList<qint64> {m_later, m_group, m_direct}));

    QTRY_COMPARE_WITH_TIMEOUT(m_realtime->state(), RealtimeClient::State::Connected, 10000);
    QTRY_COMPARE(order(), (QList<qint64> {unseen, m_direct, m_later, m_group}));
    QCOMPARE(m_model->index(1).data(Role::LastMessageRole).toString(),
        QStringLiteral("while you were away"));
    QCOMPARE(m_model->index(1).data(Role::UnreadCountRole).toInt(), 4);
}

void TestConversationStore::appliesGroupAndProfileEvents()
{
    QTRY_COMPARE_WITH_TIMEOUT(m_realtime->state(), RealtimeClient::State::Connected, 10000);
    const auto participantIds = [this](qint64 conversationId) {
        QList<qint64> ids;
        if (const Conversation *conversation = m_store->find(conversationId)) {
            for (const Participant &participant : conversation->participants)
                ids.append(participant.user.id);
        }
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    const auto roleOf = [this](qint64 conversationId, qint64 userId) {
        if (const Conversation *conversation = m_store->find(conversationId)) {
            for (const Participant &participant : conversation->participants) {
                if (participant.user.id == userId)
                    return roleToString(participant.role);
            }
        }
        return QString();
    };
    const int groupRow = m_store->rowOf(m_group);
    QVERIFY(groupRow >= 0);
    const int unread = m_store->at(groupRow).unreadCount;

    // CONVERSATION_UPDATED (rename): the title changes, the unread count stays ours.
    const Testing::ApiReply renamed = m_http->send(QByteArrayLiteral("PATCH"),
        QStringLiteral("/api/conversations/%1").arg(m_group), R"({"title":"Roadmap"})",
        m_carol.accessToken);
    QCOMPARE(renamed.status, 200);
    QTRY_COMPARE(
        m_model->index(m_store->rowOf(m_group)).data().toString(), QStringLiteral("Roadmap"));
    QCOMPARE(m_store->find(m_group)->unreadCount, unread);

    // CONVERSATION_UPDATED (role change): alice becomes an admin.
    const Testing::ApiReply promoted = m_http->send(QByteArrayLiteral("PATCH"),
        QStringLiteral("/api/conversations/%1/participants/%2").arg(m_group).arg(m_alice.id),
        R"({"role":"admin"})", m_carol.accessToken);
    QCOMPARE(promoted.status, 200);
    QTRY_COMPARE(roleOf(m_group, m_alice.id), QStringLiteral("admin"));

    // PARTICIPANT_ADDED, through the client core's own route.
    const TestUser dave = registerUser(*m_http, QStringLiteral("dave"));
    const Result<Conversation> added = await(m_session->api().addParticipant(m_group, dave.id));
    QVERIFY2(added, qPrintable(added ? QString() : added.error().message));
    QTRY_COMPARE(
        participantIds(m_group), (QList<qint64> {m_alice.id, m_bob.id, m_carol.id, dave.id}));
    QCOMPARE(roleOf(m_group, dave.id), QStringLiteral("member"));

    // PARTICIPANT_REMOVED of someone else.
    const Testing::ApiReply removed = m_http->send(QByteArrayLiteral("DELETE"),
        QStringLiteral("/api/conversations/%1/participants/%2").arg(m_group).arg(m_bob.id), {},
        m_carol.accessToken);
    QCOMPARE(removed.status, 204);
    QTRY_COMPARE(participantIds(m_group), (QList<qint64> {m_alice.id, m_carol.id, dave.id}));

    // USER_UPDATED: bob's new name reaches the direct conversation's title.
    const Testing::ApiReply profile = m_http->send(QByteArrayLiteral("PATCH"),
        QStringLiteral("/api/users/me"), R"({"displayName":"Robert"})", m_bob.accessToken);
    QCOMPARE(profile.status, 200);
    QTRY_COMPARE(
        m_model->index(m_store->rowOf(m_direct)).data().toString(), QStringLiteral("Robert"));

    // PARTICIPANT_REMOVED of alice herself: the group leaves her list.
    QSignalSpy gone(m_store.get(), &ConversationStore::conversationRemoved);
    const int before = m_model->rowCount();
    const Testing::ApiReply kicked = m_http->send(QByteArrayLiteral("DELETE"),
        QStringLiteral("/api/conversations/%1/participants/%2").arg(m_group).arg(m_alice.id), {},
        m_carol.accessToken);
    QCOMPARE(kicked.status, 204);
    QTRY_COMPARE(gone.count(), 1);
    QCOMPARE(gone.at(0).at(0).toLongLong(), m_group);
    QCOMPARE(m_model->rowCount(), before - 1);
    QCOMPARE(m_store->rowOf(m_group), -1);
}

QTEST_GUILESS_MAIN(TestConversationStore)
#include "tst_conversationstore.moc"
