// MessageStore and MessageListModel against a real server: paging 250 messages through
// fetchMore, local echo merged exactly once, failure and retry across a server restart,
// catch-up of what was missed while the WebSocket was down.
#include "app/core/memorysecretstore.h"
#include "app/core/messagelistmodel.h"
#include "app/core/messagestore.h"
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

namespace {

int stateOf(const MessageListModel &model, const QString &clientMessageId)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        if (index.data(MessageListModel::ClientMessageIdRole).toString() == clientMessageId)
            return index.data(MessageListModel::StateRole).toInt();
    }
    return -1;
}

int rowsWith(const MessageListModel &model, const QString &clientMessageId)
{
    int n = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row).data(MessageListModel::ClientMessageIdRole).toString()
            == clientMessageId)
            ++n;
    }
    return n;
}

/// Ids strictly increasing over the confirmed rows: no duplicates, in order.
bool idsAscend(const MessageListModel &model)
{
    qint64 previous = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        if (index.data(MessageListModel::StateRole).toInt() != MessageListModel::Sent)
            continue;
        const qint64 id = index.data(MessageListModel::IdRole).toLongLong();
        if (id <= previous)
            return false;
        previous = id;
    }
    return true;
}

} // namespace

class TestMessageStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fetchMorePagesThroughHistory();
    void optimisticSendMergesWithTheEchoOnce();
    void sendWhileServerIsDownFailsThenRetrySucceeds();
    void catchesUpAndResendsAfterReconnect();
    void cleanupTestCase();

private:
    qint64 createConversation(const TestUser &creator, qint64 other);
    int postAsBob(qint64 conversationId, const QString &content);

    TestServer m_server;
    std::unique_ptr<Testing::ApiClient> m_http;
    TestUser m_alice, m_bob;
    MemorySecretStore m_secrets;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<RealtimeClient> m_realtime;
};

void TestMessageStore::initTestCase()
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

void TestMessageStore::cleanupTestCase()
{
    m_realtime.reset();
    m_session.reset();
}

qint64 TestMessageStore::createConversation(const TestUser &creator, qint64 other)
{
    // A group per test, so that every test starts with an empty conversation.
    const Testing::ApiReply reply = m_http->post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"), QJsonArray {other}},
            {QStringLiteral("title"), QStringLiteral("test")}},
        creator.accessToken);
    return reply.status == 201 ? reply.json.value(QStringLiteral("id")).toInteger() : 0;
}

int TestMessageStore::postAsBob(qint64 conversationId, const QString &content)
{
    return m_http
        ->post(QStringLiteral("/api/conversations/%1/messages").arg(conversationId),
            {{QStringLiteral("content"), content}}, m_bob.accessToken)
        .status;
}

void TestMessageStore::fetchMorePagesThroughHistory()
{
    const qint64 conversation = createConversation(m_bob, m_alice.id);
    QVERIFY(conversation);
    constexpr int total = 250;
    for (int i = 0; i < total; ++i)
        QCOMPARE(postAsBob(conversation, QStringLiteral("message %1").arg(i)), 201);

    MessageStore store(conversation, m_session.get(), m_realtime.get());
    MessageListModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    store.open();
    QTRY_VERIFY(store.isLoaded());
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(model.index(49).data().toString(), QStringLiteral("message 249"));
    QVERIFY(model.canFetchMore({}));

    int pages = 1;
    while (model.canFetchMore({})) {
        const int before = model.rowCount();
        const QString anchor = model.index(0).data().toString();
        inserted.clear();
        model.fetchMore({});
        QVERIFY(!model.canFetchMore({})); // one page at a time
        QTRY_VERIFY(model.rowCount() > before);
        // Prepended as rows 0…n-1 in one step; the former first row moved down by n.
        QCOMPARE(inserted.count(), 1);
        const int added = model.rowCount() - before;
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), added - 1);
        QCOMPARE(model.index(added).data().toString(), anchor);
        QTRY_VERIFY(!store.isLoadingOlder());
        ++pages;
        QVERIFY(pages <= total / 50 + 1);
    }
    QCOMPARE(pages, 5);
    QCOMPARE(model.rowCount(), total);
    QVERIFY(idsAscend(model));
    for (int i = 0; i < total; ++i)
        QCOMPARE(model.index(i).data().toString(), QStringLiteral("message %1").arg(i));
}

void TestMessageStore::optimisticSendMergesWithTheEchoOnce()
{
    const qint64 conversation = createConversation(m_alice, m_bob.id);
    QVERIFY(conversation);
    QCOMPARE(postAsBob(conversation, QStringLiteral("first")), 201);

    MessageStore store(conversation, m_session.get(), m_realtime.get());
    MessageListModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    store.open();
    QTRY_VERIFY(store.isLoaded());
    QCOMPARE(model.rowCount(), 1);

    QSignalSpy echoes(m_realtime.get(), &RealtimeClient::messageCreated);
    const QString clientMessageId = store.send(QStringLiteral("  hello bob  "));
    // Shown at once, before any answer.
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(stateOf(model, clientMessageId), int(MessageListModel::Pending));
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("hello bob"));
    QCOMPARE(model.index(1).data(MessageListModel::IdRole).toLongLong(), 0);
    QCOMPARE(model.index(1).data(MessageListModel::SenderIdRole).toLongLong(), m_alice.id);

    QTRY_COMPARE(stateOf(model, clientMessageId), int(MessageListModel::Sent));
    QTRY_COMPARE(echoes.count(), 1); // both the REST reply and the event have arrived now
    QTest::qWait(100);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(rowsWith(model, clientMessageId), 1);
    QCOMPARE(model.index(1).data(MessageListModel::IdRole).toLongLong(),
        echoes.first().first().value<Message>().id);
    QVERIFY(idsAscend(model));

    // A message of bob's after ours comes below it, once.
    QCOMPARE(postAsBob(conversation, QStringLiteral("hello alice")), 201);
    QTRY_COMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(2).data().toString(), QStringLiteral("hello alice"));
}

void TestMessageStore::sendWhileServerIsDownFailsThenRetrySucceeds()
{
    const qint64 conversation = createConversation(m_alice, m_bob.id);
    QVERIFY(conversation);
    // No RealtimeClient: nothing re-sends by itself, only retry() does.
    MessageStore store(conversation, m_session.get(), nullptr);
    MessageListModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    store.open();
    QTRY_VERIFY(store.isLoaded());

    m_server.stop();
    const QString clientMessageId = store.send(QStringLiteral("are you there?"));
    QCOMPARE(stateOf(model, clientMessageId), int(MessageListModel::Pending));
    QTRY_COMPARE(stateOf(model, clientMessageId), int(MessageListModel::Failed));
    QCOMPARE(model.index(0).data(MessageListModel::ErrorRole).toString(),
        QStringLiteral("Can't reach the server."));

    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    store.retry(clientMessageId);
    QCOMPARE(stateOf(model, clientMessageId), int(MessageListModel::Pending));
    QTRY_COMPARE(stateOf(model, clientMessageId), int(MessageListModel::Sent));
    QCOMPARE(model.rowCount(), 1);

    const Testing::ApiReply page = m_http->get(
        QStringLiteral("/api/conversations/%1/messages").arg(conversation), m_bob.accessToken);
    const QJsonArray messages = page.json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().toObject().value(QStringLiteral("clientMessageId")).toString(),
        clientMessageId);
    QTRY_COMPARE(m_realtime->state(), RealtimeClient::State::Connected); // for the next test
}

void TestMessageStore::catchesUpAndResendsAfterReconnect()
{
    QTRY_COMPARE(m_realtime->state(), RealtimeClient::State::Connected);
    const qint64 conversation = createConversation(m_bob, m_alice.id);
    QVERIFY(conversation);
    QCOMPARE(postAsBob(conversation, QStringLiteral("before")), 201);

    MessageStore store(conversation, m_session.get(), m_realtime.get());
    MessageListModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    store.open();
    QTRY_VERIFY(store.isLoaded());
    QCOMPARE(model.rowCount(), 1);

    // Retry slowly, so that bob writes while alice's WebSocket is still down.
    m_realtime->setBackoff(std::chrono::milliseconds(3000), std::chrono::milliseconds(3000));
    m_server.stop();
    QTRY_COMPARE(m_realtime->state(), RealtimeClient::State::Reconnecting);
    const QString offline = store.send(QStringLiteral("sent while offline"));
    QTRY_COMPARE(stateOf(model, offline), int(MessageListModel::Failed));

    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    QSignalSpy live(m_realtime.get(), &RealtimeClient::messageCreated);
    constexpr int missed = 120; // more than one catch-up page
    for (int i = 0; i < missed; ++i)
        QCOMPARE(postAsBob(conversation, QStringLiteral("missed %1").arg(i)), 201);
    QCOMPARE(m_realtime->state(), RealtimeClient::State::Reconnecting);
    QCOMPARE(live.count(), 0); // these can only come through catch-up

    QTRY_COMPARE_WITH_TIMEOUT(m_realtime->state(), RealtimeClient::State::Connected, 10000);
    QTRY_COMPARE(model.rowCount(), 1 + missed + 1);
    QTRY_COMPARE(stateOf(model, offline), int(MessageListModel::Sent));
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("before"));
    for (int i = 0; i < missed; ++i)
        QCOMPARE(model.index(1 + i).data().toString(), QStringLiteral("missed %1").arg(i));
    // Re-sent after catch-up, so it follows what bob wrote meanwhile.
    QCOMPARE(model.index(missed + 1).data().toString(), QStringLiteral("sent while offline"));
    QCOMPARE(rowsWith(model, offline), 1);
    QVERIFY(idsAscend(model));
    QTest::qWait(200); // the event of the re-sent message changes nothing
    QCOMPARE(model.rowCount(), missed + 2);
    m_realtime->setBackoff(std::chrono::milliseconds(100), std::chrono::milliseconds(400));
}

QTEST_GUILESS_MAIN(TestMessageStore)
#include "tst_messagestore.moc"
