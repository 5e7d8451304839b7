// The live features of the client core against a real server: MESSAGE_UPDATED and
// MESSAGE_DELETED applied by MessageStore (also for the user's own edit and delete calls),
// READ events as read ticks and unread badges, TYPING in both directions, PRESENCE and
// READY.onlineUserIds in PresenceStore, and the catch-up of edits and deletions missed
// while the server was down.
#include "app/core/conversationstore.h"
#include "app/core/memorysecretstore.h"
#include "app/core/messagelistmodel.h"
#include "app/core/messagestore.h"
#include "app/core/presencestore.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"
#include "app/core/typingnotifier.h"
#include "app/core/typingstore.h"
#include "tests/client/clienttesthelpers.h"
#include "tests/support/testserver.h"
#include "tests/support/wsprobe.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Confab;
using namespace Confab::Client;
using namespace Confab::Testing;

class TestLiveUpdates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void editsAndDeletionsOfOthersArriveLive();
    void ownEditAndDeleteAndTheirErrors();
    void readEventsMarkOwnMessagesRead();
    void typingArrivesAndExpires();
    void typingNotifierSendsAndStops();
    void presenceFollowsEventsAndReady();
    void catchesUpEditsAndDeletionsAfterRestart();
    void cleanupTestCase();

private:
    qint64 createGroup(const TestUser &creator, qint64 other);
    qint64 post(const TestUser &from, qint64 conversationId, const QString &content);
    int edit(const TestUser &by, qint64 messageId, const QString &content);
    int remove(const TestUser &by, qint64 messageId);

    TestServer m_server;
    std::unique_ptr<Testing::ApiClient> m_http;
    TestUser m_alice, m_bob;
    MemorySecretStore m_secrets;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<RealtimeClient> m_realtime;
};

void TestLiveUpdates::initTestCase()
{
    QString error;
    QVERIFY2(startWithUsers(m_server, m_http,
                 {{QStringLiteral("alice"), &m_alice}, {QStringLiteral("bob"), &m_bob}}, &error),
        qPrintable(error));
    m_session = std::make_unique<Session>(m_server.httpUrl(), &m_secrets);
    QVERIFY(await(m_session->signIn(QStringLiteral("alice"), QStringLiteral("correct horse"))));
    m_realtime = std::make_unique<RealtimeClient>(m_session.get());
    m_realtime->setBackoff(std::chrono::milliseconds(100), std::chrono::milliseconds(400));
    QSignalSpy ready(m_realtime.get(), &RealtimeClient::ready);
    m_realtime->start();
    QVERIFY(ready.wait());
}

void TestLiveUpdates::cleanupTestCase()
{
    m_realtime.reset();
    m_session.reset();
}

qint64 TestLiveUpdates::createGroup(const TestUser &creator, qint64 other)
{
    const Testing::ApiReply reply = m_http->post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"), QJsonArray {other}},
            {QStringLiteral("title"), QStringLiteral("live")}},
        creator.accessToken);
    return reply.status == 201 ? reply.json.value(QStringLiteral("id")).toInteger() : 0;
}

qint64 TestLiveUpdates::post(const TestUser &from, qint64 conversationId, const QString &content)
{
    const Testing::ApiReply reply =
        m_http->post(QStringLiteral("/api/conversations/%1/messages").arg(conversationId),
            {{QStringLiteral("content"), content}}, from.accessToken);
    return reply.status == 201 ? reply.json.value(QStringLiteral("id")).toInteger() : 0;
}

int TestLiveUpdates::edit(const TestUser &by, qint64 messageId, const QString &content)
{
    const QJsonObject body {{QStringLiteral("content"), content}};
    return m_http
        ->send(QByteArrayLiteral("PUT"), QStringLiteral("/api/messages/%1").arg(messageId),
            QJsonDocument(body).toJson(QJsonDocument::Compact), by.accessToken)
        .status;
}

int TestLiveUpdates::remove(const TestUser &by, qint64 messageId)
{
    return m_http
        ->send(QByteArrayLiteral("DELETE"), QStringLiteral("/api/messages/%1").arg(messageId), {},
            by.accessToken)
        .status;
}

void TestLiveUpdates::editsAndDeletionsOfOthersArriveLive()
{
    const qint64 group = createGroup(m_bob, m_alice.id);
    QVERIFY(group);
    const qint64 first = post(m_bob, group, QStringLiteral("helo"));
    const qint64 second = post(m_bob, group, QStringLiteral("oops, wrong chat"));
    QVERIFY(first && second);

    MessageStore store(group, m_session.get(), m_realtime.get());
    MessageListModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    store.open();
    QTRY_VERIFY(store.isLoaded());
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(!model.index(0).data(MessageListModel::EditedRole).toBool());

    QCOMPARE(edit(m_bob, first, QStringLiteral("hello")), 200);
    QTRY_COMPARE(model.index(0).data().toString(), QStringLiteral("hello"));
    QVERIFY(model.index(0).data(MessageListModel::EditedRole).toBool());

    QCOMPARE(remove(m_bob, second), 204);
    QTRY_VERIFY(model.index(1).data(MessageListModel::DeletedRole).toBool());
    QCOMPARE(model.index(1).data().toString(), QString());
    QCOMPARE(model.rowCount(), 2);
}

void TestLiveUpdates::ownEditAndDeleteAndTheirErrors()
{
    const qint64 group = createGroup(m_alice, m_bob.id);
    QVERIFY(group);
    const qint64 bobs = post(m_bob, group, QStringLiteral("bob's words"));
    const qint64 mine = post(m_alice, group, QStringLiteral("typo hree"));
    QVERIFY(bobs && mine);

    MessageStore store(group, m_session.get(), m_realtime.get());
    MessageListModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    store.open();
    QTRY_VERIFY(store.isLoaded());
    QCOMPARE(store.lastEditableOwnId(), mine);

    QSignalSpy failures(&store, &MessageStore::actionFailed);
    store.edit(mine, QStringLiteral("  typo here  "));
    QTRY_COMPARE(model.index(1).data().toString(), QStringLiteral("typo here"));
    QVERIFY(model.index(1).data(MessageListModel::EditedRole).toBool());

    // Not the sender: the server's message comes back, nothing changes.
    store.edit(bobs, QStringLiteral("not mine to edit"));
    QTRY_COMPARE(failures.count(), 1);
    QCOMPARE(failures.first().at(0).toLongLong(), bobs);
    QCOMPARE(failures.first().at(1).value<Error>().code, QStringLiteral("not_sender"));
    QVERIFY(!failures.first().at(1).value<Error>().message.isEmpty());
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("bob's words"));

    // Alice created the group, so she is its admin and may delete bob's message.
    store.remove(bobs);
    QTRY_VERIFY(model.index(0).data(MessageListModel::DeletedRole).toBool());
    store.remove(mine);
    QTRY_VERIFY(model.index(1).data(MessageListModel::DeletedRole).toBool());
    QCOMPARE(store.lastEditableOwnId(), 0);

    // A tombstone cannot be edited.
    store.edit(mine, QStringLiteral("back again"));
    QTRY_COMPARE(failures.count(), 2);
    QCOMPARE(failures.last().at(1).value<Error>().code, QStringLiteral("message_deleted"));
    QVERIFY(model.index(1).data(MessageListModel::DeletedRole).toBool());
    QCOMPARE(model.rowCount(), 2);
}

void TestLiveUpdates::readEventsMarkOwnMessagesRead()
{
    const qint64 group = createGroup(m_alice, m_bob.id);
    QVERIFY(group);
    const qint64 bobs = post(m_bob, group, QStringLiteral("are you there?"));
    QVERIFY(bobs);

    ConversationStore conversations(m_session.get(), m_realtime.get());
    conversations.load();
    QTRY_VERIFY(conversations.rowOf(group) >= 0);
    QTRY_COMPARE(conversations.at(conversations.rowOf(group)).unreadCount, 1);

    MessageStore store(group, m_session.get(), m_realtime.get());
    MessageListModel model(&store);
    store.setReadByOthersUpTo(conversations.othersReadUpTo(group));
    store.open();
    QTRY_VERIFY(store.isLoaded());
    const QString clientMessageId = store.send(QStringLiteral("yes"));
    QTRY_COMPARE(
        model.index(1).data(MessageListModel::StateRole).toInt(), int(MessageListModel::Sent));
    QVERIFY(!model.index(1).data(MessageListModel::ReadRole).toBool());
    const qint64 mine = model.index(1).data(MessageListModel::IdRole).toLongLong();

    // Bob reads: alice's message gets its second tick, live.
    const Testing::ApiReply bobRead =
        m_http->post(QStringLiteral("/api/conversations/%1/read").arg(group),
            {{QStringLiteral("messageId"), mine}}, m_bob.accessToken);
    QCOMPARE(bobRead.status, 200);
    QTRY_VERIFY(model.index(1).data(MessageListModel::ReadRole).toBool());
    QVERIFY(!model.index(0).data(MessageListModel::ReadRole).toBool()); // bob's own
    QTRY_COMPARE(conversations.othersReadUpTo(group), mine);

    // Alice marks read on the server; the badge follows. Marking the same id again, or an
    // older one, sends nothing.
    QSignalSpy reads(m_realtime.get(), &RealtimeClient::readReceived);
    conversations.markRead(group, mine);
    QTRY_COMPARE(conversations.at(conversations.rowOf(group)).unreadCount, 0);
    QTRY_COMPARE(conversations.ownReadUpTo(group), mine);
    QTRY_COMPARE(reads.count(), 1);
    conversations.markRead(group, mine);
    conversations.markRead(group, bobs);
    QVERIFY(!reads.wait(500));

    // Read on another device: a newer message from bob, read elsewhere, zeroes the badge.
    const qint64 later = post(m_bob, group, QStringLiteral("ok"));
    QTRY_COMPARE(conversations.at(conversations.rowOf(group)).unreadCount, 1);
    const Testing::ApiReply otherDevice =
        m_http->post(QStringLiteral("/api/conversations/%1/read").arg(group),
            {{QStringLiteral("messageId"), later}}, m_alice.accessToken);
    QCOMPARE(otherDevice.status, 200);
    QTRY_COMPARE(conversations.at(conversations.rowOf(group)).unreadCount, 0);
    Q_UNUSED(clientMessageId);
}

void TestLiveUpdates::typingArrivesAndExpires()
{
    const qint64 group = createGroup(m_bob, m_alice.id);
    QVERIFY(group);
    TypingStore typing(m_realtime.get());
    typing.setTimeout(std::chrono::milliseconds(1500));
    WsProbe bob;
    QVERIFY(bob.openReady(m_server.wsUrl(), m_bob.accessToken));

    const auto typingFrame = [group](bool isTyping) {
        return QJsonObject {{QStringLiteral("type"), QStringLiteral("TYPING")},
            {QStringLiteral("payload"),
                QJsonObject {{QStringLiteral("conversationId"), group},
                    {QStringLiteral("isTyping"), isTyping}}}};
    };
    bob.sendJson(typingFrame(true));
    QTRY_COMPARE(typing.typists(group), QList<qint64> {m_bob.id});
    // No further news: it expires.
    QTRY_VERIFY_WITH_TIMEOUT(typing.typists(group).isEmpty(), 10000);

    // Cleared by bob's message.
    QTest::qWait(1100); // the server relays at most one TYPING per second
    bob.sendJson(typingFrame(true));
    QTRY_COMPARE(typing.typists(group), QList<qint64> {m_bob.id});
    QVERIFY(post(m_bob, group, QStringLiteral("done typing")));
    QTRY_VERIFY(typing.typists(group).isEmpty());

    // Cleared by isTyping:false.
    QTest::qWait(1100);
    typing.setTimeout(std::chrono::milliseconds(60000));
    bob.sendJson(typingFrame(true));
    QTRY_COMPARE(typing.typists(group), QList<qint64> {m_bob.id});
    bob.sendJson(typingFrame(false));
    QTRY_VERIFY(typing.typists(group).isEmpty());
}

void TestLiveUpdates::typingNotifierSendsAndStops()
{
    const qint64 group = createGroup(m_bob, m_alice.id);
    QVERIFY(group);
    WsProbe bob;
    QVERIFY(bob.openReady(m_server.wsUrl(), m_bob.accessToken));
    TypingNotifier notifier(m_realtime.get());
    notifier.setIntervals(std::chrono::milliseconds(3000), std::chrono::milliseconds(800));
    notifier.setConversation(group);

    notifier.keystroke();
    QJsonObject frame = bob.waitFor(QStringLiteral("TYPING"));
    QCOMPARE(frame.value(QStringLiteral("payload")).toObject().value(QStringLiteral("isTyping")),
        QJsonValue(true));
    // More keystrokes within 3 s send nothing more.
    notifier.keystroke();
    notifier.keystroke();
    QVERIFY(notifier.isTyping());
    // No keystroke for the idle time: stopped.
    frame = bob.waitFor(QStringLiteral("TYPING"));
    QCOMPARE(frame.value(QStringLiteral("payload")).toObject().value(QStringLiteral("isTyping")),
        QJsonValue(false));
    QVERIFY(!notifier.isTyping());

    // Sending (stop) ends typing at once.
    QTest::qWait(1100);
    notifier.keystroke();
    QVERIFY(!bob.waitFor(QStringLiteral("TYPING")).isEmpty());
    notifier.stop();
    frame = bob.waitFor(QStringLiteral("TYPING"));
    QCOMPARE(frame.value(QStringLiteral("payload")).toObject().value(QStringLiteral("isTyping")),
        QJsonValue(false));
}

void TestLiveUpdates::presenceFollowsEventsAndReady()
{
    const qint64 group = createGroup(m_bob, m_alice.id);
    QVERIFY(group);
    PresenceStore presence(m_realtime.get());
    QSignalSpy changed(&presence, &PresenceStore::presenceChanged);
    QVERIFY(!presence.isOnline(m_bob.id));

    auto bob = std::make_unique<WsProbe>();
    QVERIFY(bob->openReady(m_server.wsUrl(), m_bob.accessToken));
    QTRY_VERIFY(presence.isOnline(m_bob.id));
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.last().at(0).toLongLong(), m_bob.id);

    bob->socket().close();
    QTRY_VERIFY(!presence.isOnline(m_bob.id));
    QVERIFY(presence.lastSeenAt(m_bob.id).isValid());

    // READY of a new connection lists who is online.
    WsProbe bobAgain;
    QVERIFY(bobAgain.openReady(m_server.wsUrl(), m_bob.accessToken));
    RealtimeClient second(m_session.get());
    PresenceStore fresh(&second);
    QSignalSpy ready(&second, &RealtimeClient::ready);
    second.start();
    QVERIFY(ready.wait());
    QVERIFY(fresh.isOnline(m_bob.id));
    second.stop();

    // User objects count too, unless older than what is known.
    User user;
    user.id = 424242;
    user.online = true;
    user.lastSeenAt = QDateTime::currentDateTimeUtc();
    presence.update(user);
    QVERIFY(presence.isOnline(424242));
    user.online = false;
    user.lastSeenAt = user.lastSeenAt.addSecs(-60);
    presence.update(user);
    QVERIFY(presence.isOnline(424242));
}

void TestLiveUpdates::catchesUpEditsAndDeletionsAfterRestart()
{
    const qint64 group = createGroup(m_bob, m_alice.id);
    QVERIFY(group);
    QList<qint64> ids;
    for (int i = 0; i < 4; ++i)
        ids << post(m_bob, group, QStringLiteral("message %1").arg(i));
    QVERIFY(!ids.contains(0));

    MessageStore store(group, m_session.get(), m_realtime.get());
    MessageListModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    store.open();
    QTRY_VERIFY(store.isLoaded());
    QCOMPARE(model.rowCount(), 4);

    // A conversation that was empty when opened: its first message came live.
    const qint64 quiet = createGroup(m_bob, m_alice.id);
    QVERIFY(quiet);
    MessageStore quietStore(quiet, m_session.get(), m_realtime.get());
    MessageListModel quietModel(&quietStore);
    quietStore.open();
    QTRY_VERIFY(quietStore.isLoaded());
    const qint64 live = post(m_bob, quiet, QStringLiteral("first words"));
    QVERIFY(live);
    QTRY_COMPARE(quietModel.rowCount(), 1);

    m_realtime->setBackoff(std::chrono::milliseconds(3000), std::chrono::milliseconds(3000));
    m_server.stop();
    QTRY_COMPARE(m_realtime->state(), RealtimeClient::State::Reconnecting);
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    // While alice's WebSocket is still down: an edit, a deletion and a new message.
    QCOMPARE(edit(m_bob, ids.at(1), QStringLiteral("message 1, corrected")), 200);
    QCOMPARE(remove(m_bob, ids.at(2)), 204);
    const qint64 added = post(m_bob, group, QStringLiteral("message 4"));
    QVERIFY(added);
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("message 1"));
    // The edit comes before a newer message: a cursor taken from the newest message held
    // after catching up would skip it.
    QCOMPARE(edit(m_bob, live, QStringLiteral("first words, edited")), 200);
    QTest::qWait(5);
    QVERIFY(post(m_bob, quiet, QStringLiteral("second words")));

    QTRY_COMPARE_WITH_TIMEOUT(m_realtime->state(), RealtimeClient::State::Connected, 10000);
    QTRY_COMPARE(model.rowCount(), 5);
    QTRY_COMPARE(model.index(1).data().toString(), QStringLiteral("message 1, corrected"));
    QVERIFY(model.index(1).data(MessageListModel::EditedRole).toBool());
    QTRY_VERIFY(model.index(2).data(MessageListModel::DeletedRole).toBool());
    QCOMPARE(model.index(4).data().toString(), QStringLiteral("message 4"));
    QTest::qWait(200);
    QCOMPARE(model.rowCount(), 5); // nothing shown twice
    QTRY_COMPARE(quietModel.rowCount(), 2);
    QTRY_COMPARE(quietModel.index(0).data().toString(), QStringLiteral("first words, edited"));
    m_realtime->setBackoff(std::chrono::milliseconds(100), std::chrono::milliseconds(400));
}

QTEST_GUILESS_MAIN(TestLiveUpdates)
#include "tst_liveupdates.moc"
