// The open conversation of the real MainWindow against a real server: editing the last
// message with Up and Enter, deleting through the context menu after confirming, another
// client's message, edit, deletion and typing arriving live, presence in the header and the
// list, read markers, the "new messages" button when scrolled up, and screenshots of the
// chat in light and dark palettes.
#include "app/core/conversationlistmodel.h"
#include "app/core/conversationstore.h"
#include "app/core/memorysecretstore.h"
#include "app/core/messagelistmodel.h"
#include "app/core/messagestore.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"
#include "app/ui/composer.h"
#include "app/ui/conversationheader.h"
#include "app/ui/mainwindow.h"
#include "app/ui/messagedelegate.h"
#include "tests/client/clienttesthelpers.h"
#include "tests/support/testserver.h"
#include "tests/support/wsprobe.h"
#include "tests/ui/widgettesthelpers.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace Confab;
using namespace Confab::Client;
using namespace Confab::Testing;
using Confab::Ui::Composer;
using Confab::Ui::ConversationHeader;
using Confab::Ui::MainWindow;

namespace {

QJsonObject typingFrame(qint64 conversationId, bool isTyping)
{
    return {{QStringLiteral("type"), QStringLiteral("TYPING")},
        {QStringLiteral("payload"),
            QJsonObject {{QStringLiteral("conversationId"), conversationId},
                {QStringLiteral("isTyping"), isTyping}}}};
}

/// The next TYPING frame `probe` receives from `userId` (others' are skipped); {} on timeout.
QJsonObject typingFrom(WsProbe &probe, qint64 userId)
{
    for (;;) {
        const QJsonObject frame = probe.waitFor(QStringLiteral("TYPING"));
        if (frame.isEmpty())
            return {};
        const QJsonObject payload = frame.value(QStringLiteral("payload")).toObject();
        if (payload.value(QStringLiteral("userId")).toInteger() == userId)
            return payload;
    }
}

/// Opens the context menu of the message at `row` with a right click on its bubble (own
/// messages on the right, others' on the left); the menu, or nullptr.
QMenu *openMessageMenu(QListView *messages, int row, bool own)
{
    const QRect rect = messages->visualRect(messages->model()->index(row, 0));
    const int y = rect.bottom() - 20;
    const QPoint at(own ? rect.right() - 30 : rect.left() + 30, y);
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, messages->viewport()->mapToGlobal(at));
    QApplication::sendEvent(messages->viewport(), &event);
    QMenu *menu = nullptr;
    [[maybe_unused]] const bool shown = QTest::qWaitFor([&] {
        menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        return menu != nullptr;
    });
    return menu;
}

} // namespace

class TestChatView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void editLastMessageWithUpAndEnter();
    void deleteThroughContextMenuAfterConfirming();
    void othersMessagesEditsDeletionsAndTypingArrive();
    void presenceInHeaderAndList();
    void openConversationIsMarkedRead();
    void newMessagesButtonWhenScrolledUp();
    void loadingRowWhileOlderMessagesLoad();
    void screenshots_data();
    void screenshots();
    void cleanupTestCase();

private:
    qint64 createGroup(const TestUser &creator, const QList<qint64> &others, const QString &title);
    qint64 createDirect(const TestUser &creator, qint64 other);
    qint64 post(const TestUser &from, qint64 conversationId, const QString &content);
    int edit(const TestUser &by, qint64 messageId, const QString &content);
    int remove(const TestUser &by, qint64 messageId);
    void setDisplayName(const TestUser &user, const QString &name);
    /// Moves a message's creation back by `days` (straight in the SQLite file).
    bool backdate(qint64 messageId, int days);
    std::unique_ptr<MainWindow> openWindow(qint64 conversationId);

    TestServer m_server;
    std::unique_ptr<Testing::ApiClient> m_http;
    TestUser m_alice, m_bob, m_carol;
    MemorySecretStore m_secrets;
    std::unique_ptr<Session> m_session;
};

void TestChatView::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_http = std::make_unique<Testing::ApiClient>(m_server.httpUrl());
    m_alice = registerUser(*m_http, QStringLiteral("alice"));
    m_bob = registerUser(*m_http, QStringLiteral("bob"));
    m_carol = registerUser(*m_http, QStringLiteral("carol"));
    QVERIFY(m_alice.id && m_bob.id && m_carol.id);
    setDisplayName(m_alice, QStringLiteral("Alice"));
    setDisplayName(m_bob, QStringLiteral("Bob"));
    setDisplayName(m_carol, QStringLiteral("Carol"));
    m_session = std::make_unique<Session>(m_server.httpUrl(), &m_secrets);
    QVERIFY(await(m_session->signIn(QStringLiteral("alice"), QStringLiteral("correct horse"))));
}

void TestChatView::cleanupTestCase()
{
    m_session.reset();
}

void TestChatView::setDisplayName(const TestUser &user, const QString &name)
{
    const QJsonObject body {{QStringLiteral("displayName"), name}};
    const Testing::ApiReply reply = m_http->send(QByteArrayLiteral("PATCH"),
        QStringLiteral("/api/users/me"), QJsonDocument(body).toJson(), user.accessToken);
    QCOMPARE(reply.status, 200);
}

qint64 TestChatView::createGroup(
    const TestUser &creator, const QList<qint64> &others, const QString &title)
{
    QJsonArray ids;
    for (qint64 id : others)
        ids.append(id);
    const Testing::ApiReply reply = m_http->post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"), ids}, {QStringLiteral("title"), title}},
        creator.accessToken);
    return reply.status == 201 ? reply.json.value(QStringLiteral("id")).toInteger() : 0;
}

qint64 TestChatView::createDirect(const TestUser &creator, qint64 other)
{
    const Testing::ApiReply reply = m_http->post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"), QJsonArray {other}}}, creator.accessToken);
    return reply.status == 201 || reply.status == 200
        ? reply.json.value(QStringLiteral("id")).toInteger()
        : 0;
}

qint64 TestChatView::post(const TestUser &from, qint64 conversationId, const QString &content)
{
    const Testing::ApiReply reply =
        m_http->post(QStringLiteral("/api/conversations/%1/messages").arg(conversationId),
            {{QStringLiteral("content"), content}}, from.accessToken);
    return reply.status == 201 ? reply.json.value(QStringLiteral("id")).toInteger() : 0;
}

int TestChatView::edit(const TestUser &by, qint64 messageId, const QString &content)
{
    const QJsonObject body {{QStringLiteral("content"), content}};
    return m_http
        ->send(QByteArrayLiteral("PUT"), QStringLiteral("/api/messages/%1").arg(messageId),
            QJsonDocument(body).toJson(QJsonDocument::Compact), by.accessToken)
        .status;
}

int TestChatView::remove(const TestUser &by, qint64 messageId)
{
    return m_http
        ->send(QByteArrayLiteral("DELETE"), QStringLiteral("/api/messages/%1").arg(messageId), {},
            by.accessToken)
        .status;
}

bool TestChatView::backdate(qint64 messageId, int days)
{
    if (m_server.database().dialect() != Server::SqlDialect::Sqlite)
        return false;
    bool ok = false;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("backdate"));
        db.setDatabaseName(m_server.database().config().sqlitePath);
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(QStringLiteral(
                "UPDATE messages SET created_at = created_at - :shift WHERE id = :id"));
            query.bindValue(QStringLiteral(":shift"), qint64(days) * 24 * 3600 * 1000);
            query.bindValue(QStringLiteral(":id"), messageId);
            ok = query.exec() && query.numRowsAffected() == 1;
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("backdate"));
    return ok;
}

std::unique_ptr<MainWindow> TestChatView::openWindow(qint64 conversationId)
{
    auto window = std::make_unique<MainWindow>(m_session.get());
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return {};
    QSignalSpy ready(window->realtime(), &RealtimeClient::ready);
    if (!ready.wait(10000))
        return {};
    if (!QTest::qWaitFor([&] { return window->openConversation(conversationId); }, 10000))
        return {};
    if (!QTest::qWaitFor(
            [&] { return window->messages() && window->messages()->isLoaded(); }, 10000))
        return {};
    // The window shows the first page at the bottom in a queued step: let it run, as it
    // would have long before a person could scroll.
    QCoreApplication::processEvents();
    return window;
}

void TestChatView::editLastMessageWithUpAndEnter()
{
    const qint64 direct = createDirect(m_alice, m_bob.id);
    QVERIFY(direct);
    auto window = openWindow(direct);
    QVERIFY(window);
    auto *composer = window->findChild<Composer *>(QStringLiteral("composer"));
    auto *messages = window->findChild<QListView *>(QStringLiteral("messageList"));
    auto *bar = window->findChild<QWidget *>(QStringLiteral("editingBar"));
    QVERIFY(composer && messages && bar);

    composer->setFocus();
    QTest::keyClicks(composer, QStringLiteral("See you at nnon"));
    QTest::keyClick(composer, Qt::Key_Return);
    QTRY_COMPARE(messages->model()->index(0, 0).data(MessageListModel::StateRole).toInt(),
        int(MessageListModel::Sent));
    const qint64 id = messages->model()->index(0, 0).data(MessageListModel::IdRole).toLongLong();

    // Up in the empty composer: the last message, ready to edit. Escape cancels.
    QTest::keyClick(composer, Qt::Key_Up);
    QVERIFY(composer->isEditing());
    QCOMPARE(composer->toPlainText(), QStringLiteral("See you at nnon"));
    QVERIFY(bar->isVisible());
    QTest::keyClick(composer, Qt::Key_Escape);
    QVERIFY(!composer->isEditing());
    QVERIFY(composer->toPlainText().isEmpty());
    QVERIFY(!bar->isVisible());

    // Up again, fix the typo, Enter saves.
    QTest::keyClick(composer, Qt::Key_Up);
    QVERIFY(composer->isEditing());
    for (int i = 0; i < 4; ++i)
        QTest::keyClick(composer, Qt::Key_Backspace);
    QTest::keyClicks(composer, QStringLiteral("noon"));
    saveScreenshot(*window, QStringLiteral("chat-editing.png"));
    QTest::keyClick(composer, Qt::Key_Return);
    QVERIFY(!composer->isEditing());
    QVERIFY(!bar->isVisible());
    QTRY_COMPARE(
        messages->model()->index(0, 0).data().toString(), QStringLiteral("See you at noon"));
    QVERIFY(messages->model()->index(0, 0).data(MessageListModel::EditedRole).toBool());
    QCOMPARE(messages->model()->rowCount(), 1);

    // Editing from the context menu while a message is being written keeps that draft.
    QTest::keyClicks(composer, QStringLiteral("half a thought"));
    QMenu *menu = openMessageMenu(messages, 0, true);
    QVERIFY(menu);
    menu->findChild<QAction *>(QStringLiteral("editAction"))->trigger();
    menu->close();
    QVERIFY(composer->isEditing());
    QCOMPARE(composer->toPlainText(), QStringLiteral("See you at noon"));
    QVERIFY(bar->isVisible());
    QTest::keyClick(composer, Qt::Key_Escape);
    QCOMPARE(composer->toPlainText(), QStringLiteral("half a thought"));
    composer->clear();

    // The server holds the edit.
    const Testing::ApiReply page = m_http->get(
        QStringLiteral("/api/conversations/%1/messages").arg(direct), m_bob.accessToken);
    const QJsonObject stored =
        page.json.value(QStringLiteral("messages")).toArray().last().toObject();
    QCOMPARE(stored.value(QStringLiteral("id")).toInteger(), id);
    QCOMPARE(stored.value(QStringLiteral("content")).toString(), QStringLiteral("See you at noon"));

    // A refused edit (deleted meanwhile elsewhere) shows the server's message in place.
    QCOMPARE(remove(m_alice, id), 204);
    QTRY_VERIFY(messages->model()->index(0, 0).data(MessageListModel::DeletedRole).toBool());
    window->messages()->edit(id, QStringLiteral("too late"));
    auto *notice = window->findChild<QLabel *>(QStringLiteral("chatNotice"));
    QTRY_VERIFY(notice->isVisible());
    QVERIFY(!notice->text().isEmpty());
    QVERIFY(!notice->text().contains(QStringLiteral("409")));
}

void TestChatView::deleteThroughContextMenuAfterConfirming()
{
    const qint64 group =
        createGroup(m_alice, {m_bob.id, m_carol.id}, QStringLiteral("Delete test"));
    QVERIFY(group);
    QVERIFY(post(m_bob, group, QStringLiteral("bob says hi")));
    const qint64 mine = post(m_alice, group, QStringLiteral("delete me"));
    QVERIFY(mine);
    auto window = openWindow(group);
    QVERIFY(window);
    auto *messages = window->findChild<QListView *>(QStringLiteral("messageList"));
    QTRY_COMPARE(messages->model()->rowCount(), 2);

    const auto openMenu = [&](int row) { return openMessageMenu(messages, row, row == 1); };

    // Own message: Edit and Delete.
    QMenu *menu = openMenu(1);
    QVERIFY(menu);
    QVERIFY(menu->findChild<QAction *>(QStringLiteral("editAction")));
    auto *deleteAction = menu->findChild<QAction *>(QStringLiteral("deleteAction"));
    QVERIFY(deleteAction);
    menu->close();

    // Cancelling the confirmation deletes nothing.
    menu = openMenu(1);
    QVERIFY(menu);
    menu->findChild<QAction *>(QStringLiteral("deleteAction"))->trigger();
    menu->close();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window->findChild<QMessageBox *>(QStringLiteral("deleteConfirmation"))));
    box->button(QMessageBox::Cancel)->click();
    QTest::qWait(300);
    QVERIFY(!messages->model()->index(1, 0).data(MessageListModel::DeletedRole).toBool());

    menu = openMenu(1);
    QVERIFY(menu);
    menu->findChild<QAction *>(QStringLiteral("deleteAction"))->trigger();
    menu->close();
    QTRY_VERIFY((box = window->findChild<QMessageBox *>(QStringLiteral("deleteConfirmation"))));
    box->findChild<QPushButton *>(QStringLiteral("confirmDeleteButton"))->click();
    QTRY_VERIFY(messages->model()->index(1, 0).data(MessageListModel::DeletedRole).toBool());

    // As the group's admin, alice may delete bob's message too (but not edit it).
    menu = openMenu(0);
    QVERIFY(menu);
    QVERIFY(!menu->findChild<QAction *>(QStringLiteral("editAction")));
    menu->findChild<QAction *>(QStringLiteral("deleteAction"))->trigger();
    menu->close();
    QTRY_VERIFY((box = window->findChild<QMessageBox *>(QStringLiteral("deleteConfirmation"))));
    box->findChild<QPushButton *>(QStringLiteral("confirmDeleteButton"))->click();
    QTRY_VERIFY(messages->model()->index(0, 0).data(MessageListModel::DeletedRole).toBool());

    // Both are tombstones on the server.
    const Testing::ApiReply page = m_http->get(
        QStringLiteral("/api/conversations/%1/messages").arg(group), m_carol.accessToken);
    const QJsonArray stored = page.json.value(QStringLiteral("messages")).toArray();
    QCOMPARE(stored.size(), 2);
    for (const QJsonValue &message : stored)
        QVERIFY(!message.toObject().value(QStringLiteral("deletedAt")).isNull());
}

void TestChatView::othersMessagesEditsDeletionsAndTypingArrive()
{
    const qint64 group = createGroup(m_bob, {m_alice.id, m_carol.id}, QStringLiteral("Live group"));
    QVERIFY(group);
    auto window = openWindow(group);
    QVERIFY(window);
    auto *messages = window->findChild<QListView *>(QStringLiteral("messageList"));
    auto *header = window->findChild<ConversationHeader *>(QStringLiteral("conversationHeader"));
    QVERIFY(header);

    WsProbe bob;
    QVERIFY(bob.openReady(m_server.wsUrl(), m_bob.accessToken));
    bob.sendJson(typingFrame(group, true));
    QTRY_COMPARE(header->typingText(), QStringLiteral("Bob is typing…"));
    WsProbe carol;
    QVERIFY(carol.openReady(m_server.wsUrl(), m_carol.accessToken));
    carol.sendJson(typingFrame(group, true));
    QTRY_COMPARE(header->typingText(), QStringLiteral("Bob and Carol are typing…"));

    // Bob's message arrives, and his typing line goes with it.
    const qint64 id = post(m_bob, group, QStringLiteral("Pizza or sushi?"));
    QVERIFY(id);
    QTRY_COMPARE(messages->model()->rowCount(), 1);
    QCOMPARE(messages->model()->index(0, 0).data().toString(), QStringLiteral("Pizza or sushi?"));
    QTRY_COMPARE(header->typingText(), QStringLiteral("Carol is typing…"));
    carol.sendJson(typingFrame(group, false));
    QTRY_VERIFY(header->typingText().isEmpty());

    QCOMPARE(edit(m_bob, id, QStringLiteral("Pizza or sushi tonight?")), 200);
    QTRY_COMPARE(messages->model()->index(0, 0).data().toString(),
        QStringLiteral("Pizza or sushi tonight?"));
    QVERIFY(messages->model()->index(0, 0).data(MessageListModel::EditedRole).toBool());
    QCOMPARE(remove(m_bob, id), 204);
    QTRY_VERIFY(messages->model()->index(0, 0).data(MessageListModel::DeletedRole).toBool());
    QCOMPARE(messages->model()->rowCount(), 1);

    // Alice typing reaches bob: TYPING true on her keystrokes, false when she sends.
    auto *composer = window->findChild<Composer *>(QStringLiteral("composer"));
    composer->setFocus();
    QTest::keyClicks(composer, QStringLiteral("Sushi"));
    QJsonObject payload = typingFrom(bob, m_alice.id);
    QCOMPARE(payload.value(QStringLiteral("isTyping")), QJsonValue(true));
    QTest::keyClick(composer, Qt::Key_Return);
    payload = typingFrom(bob, m_alice.id);
    QCOMPARE(payload.value(QStringLiteral("isTyping")), QJsonValue(false));
}

void TestChatView::presenceInHeaderAndList()
{
    const qint64 direct = createDirect(m_carol, m_alice.id);
    QVERIFY(direct);
    auto window = openWindow(direct);
    QVERIFY(window);
    auto *header = window->findChild<ConversationHeader *>(QStringLiteral("conversationHeader"));
    auto *list = window->findChild<QListView *>(QStringLiteral("conversationList"));
    const auto carolOnlineInList = [&] {
        for (int row = 0; row < list->model()->rowCount(); ++row) {
            const QModelIndex index = list->model()->index(row, 0);
            if (index.data(ConversationListModel::IdRole).toLongLong() == direct)
                return index.data(ConversationListModel::OnlineRole).toBool();
        }
        return false;
    };
    QVERIFY(header->statusText().startsWith(QStringLiteral("last seen"))
        || header->statusText() == QStringLiteral("offline"));
    QVERIFY(!carolOnlineInList());

    auto carol = std::make_unique<WsProbe>();
    QVERIFY(carol->openReady(m_server.wsUrl(), m_carol.accessToken));
    QTRY_COMPARE(header->statusText(), QStringLiteral("online"));
    QTRY_VERIFY(carolOnlineInList());

    carol->socket().close();
    QTRY_COMPARE(header->statusText(), QStringLiteral("last seen just now"));
    QTRY_VERIFY(!carolOnlineInList());

    QCOMPARE(ConversationHeader::lastSeenLine(
                 QDateTime::currentDateTimeUtc().addSecs(-5 * 60), QDateTime::currentDateTimeUtc()),
        QStringLiteral("last seen 5 min ago"));
    QCOMPARE(ConversationHeader::typingLine(
                 {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")}),
        QStringLiteral("Several people are typing…"));

    // A group: members and how many are online (alice herself is).
    const qint64 group =
        createGroup(m_carol, {m_alice.id, m_bob.id}, QStringLiteral("Presence group"));
    QVERIFY(group);
    QTRY_VERIFY(window->openConversation(group));
    QCOMPARE(header->statusText(), QStringLiteral("3 members, 1 online"));
    WsProbe bob;
    QVERIFY(bob.openReady(m_server.wsUrl(), m_bob.accessToken));
    QTRY_COMPARE(header->statusText(), QStringLiteral("3 members, 2 online"));
}

void TestChatView::openConversationIsMarkedRead()
{
    const qint64 group = createGroup(m_bob, {m_alice.id}, QStringLiteral("Unread"));
    QVERIFY(group);
    QVERIFY(post(m_bob, group, QStringLiteral("one")));
    const qint64 last = post(m_bob, group, QStringLiteral("two"));
    QVERIFY(last);

    auto window = std::make_unique<MainWindow>(m_session.get());
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    QTRY_VERIFY(window->conversations()->rowOf(group) >= 0);
    const auto unread = [&] {
        return window->conversations()->at(window->conversations()->rowOf(group)).unreadCount;
    };
    QTRY_COMPARE(unread(), 2);
    QVERIFY(window->openConversation(group));
    QTRY_COMPARE(unread(), 0);
    QTRY_COMPARE(window->conversations()->ownReadUpTo(group), last);
    const Testing::ApiReply fetched =
        m_http->get(QStringLiteral("/api/conversations/%1").arg(group), m_alice.accessToken);
    QCOMPARE(fetched.json.value(QStringLiteral("unreadCount")).toInt(), 0);

    // A message arriving while the conversation is open and at the bottom is read at once.
    const qint64 more = post(m_bob, group, QStringLiteral("three"));
    QTRY_COMPARE(window->conversations()->ownReadUpTo(group), more);
    QCOMPARE(unread(), 0);

    // Bob reads alice's message: it gets its second tick.
    auto *messages = window->findChild<QListView *>(QStringLiteral("messageList"));
    const qint64 mine = post(m_alice, group, QStringLiteral("read me"));
    QTRY_COMPARE(messages->model()->rowCount(), 4);
    QVERIFY(!messages->model()->index(3, 0).data(MessageListModel::ReadRole).toBool());
    QCOMPARE(m_http
                 ->post(QStringLiteral("/api/conversations/%1/read").arg(group),
                     {{QStringLiteral("messageId"), mine}}, m_bob.accessToken)
                 .status,
        200);
    QTRY_VERIFY(messages->model()->index(3, 0).data(MessageListModel::ReadRole).toBool());
}

void TestChatView::newMessagesButtonWhenScrolledUp()
{
    const qint64 group = createGroup(m_carol, {m_alice.id}, QStringLiteral("Busy"));
    QVERIFY(group);
    for (int i = 0; i < 40; ++i)
        QVERIFY(post(m_carol, group, QStringLiteral("chatter %1").arg(i)));
    auto window = openWindow(group);
    QVERIFY(window);
    auto *messages = window->findChild<QListView *>(QStringLiteral("messageList"));
    auto *button = window->findChild<QPushButton *>(QStringLiteral("newMessagesButton"));
    QVERIFY(button);
    QScrollBar *bar = messages->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0 && bar->value() == bar->maximum());

    // At the bottom, a new message keeps the view at the bottom, and no button shows.
    QVERIFY(post(m_carol, group, QStringLiteral("still at the bottom")));
    QTRY_COMPARE(messages->model()->rowCount(), 41);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(!button->isVisible());

    // Scrolled up, new messages do not move the view; the button counts them.
    bar->setValue(bar->maximum() / 2);
    const int scrolledTo = bar->value();
    QVERIFY(post(m_carol, group, QStringLiteral("new one")));
    QVERIFY(post(m_carol, group, QStringLiteral("new two")));
    QTRY_COMPARE(messages->model()->rowCount(), 43);
    QTRY_VERIFY(button->isVisible());
    QCOMPARE(button->text(), QStringLiteral("2 new messages ↓"));
    QCOMPARE(bar->value(), scrolledTo);
    saveScreenshot(*window, QStringLiteral("chat-new-messages.png"));

    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE(bar->value(), bar->maximum());
    QVERIFY(!button->isVisible());
}

void TestChatView::loadingRowWhileOlderMessagesLoad()
{
    const qint64 group = createGroup(m_carol, {m_alice.id}, QStringLiteral("Long history"));
    QVERIFY(group);
    for (int i = 0; i < 70; ++i)
        QVERIFY(post(m_carol, group, QStringLiteral("old %1").arg(i)));
    auto window = openWindow(group);
    QVERIFY(window);
    auto *messages = window->findChild<QListView *>(QStringLiteral("messageList"));
    auto *loading = window->findChild<QLabel *>(QStringLiteral("loadingOlder"));
    QVERIFY(loading);
    QVERIFY(!loading->isVisible());
    // Whether "Loading…" showed while the older page was on its way.
    bool shownWhileLoading = false;
    connect(window->messages(), &MessageStore::loadingOlderChanged, this, [&] {
        if (window->messages()->isLoadingOlder())
            shownWhileLoading = loading->isVisible();
    });
    QScrollBar *bar = messages->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0 && bar->value() == bar->maximum());
    bar->setValue(0);
    QTRY_COMPARE(messages->model()->rowCount(), 70);
    QVERIFY(shownWhileLoading);
    QTRY_VERIFY(!loading->isVisible());
}

void TestChatView::screenshots_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestChatView::screenshots()
{
    QFETCH(bool, dark);
    if (m_server.database().dialect() != Server::SqlDialect::Sqlite)
        QSKIP("back-dating a message needs the SQLite file");
    const qint64 group = createGroup(m_bob, {m_alice.id, m_carol.id},
        dark ? QStringLiteral("Book club (dark)") : QStringLiteral("Book club"));
    QVERIFY(group);
    const qint64 old = post(m_bob, group, QStringLiteral("Has everyone finished the book?"));
    const qint64 answer = post(m_alice, group, QStringLiteral("Almost, two chapters left."));
    QVERIFY(old && answer && backdate(old, 1) && backdate(answer, 1));
    const qint64 carols =
        post(m_carol, group, QStringLiteral("Finished it last night. The ending!"));
    const qint64 typo = post(m_bob, group, QStringLiteral("No spolers please"));
    const qint64 removed = post(m_carol, group, QStringLiteral("I won't say who did it"));
    const qint64 mine = post(m_alice, group, QStringLiteral("Shall we meet on Thursday at 7?"));
    const qint64 pendingRead = post(m_alice, group, QStringLiteral("I can bring tea."));
    QVERIFY(carols && typo && removed && mine && pendingRead);
    QCOMPARE(edit(m_bob, typo, QStringLiteral("No spoilers please!")), 200);
    QCOMPARE(remove(m_carol, removed), 204);
    QCOMPARE(m_http
                 ->post(QStringLiteral("/api/conversations/%1/read").arg(group),
                     {{QStringLiteral("messageId"), mine}}, m_bob.accessToken)
                 .status,
        200);

    const QPalette original = QApplication::palette();
    if (dark)
        QApplication::setPalette(darkPalette());
    auto window = openWindow(group);
    QVERIFY(window);
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    auto *messages = window->findChild<QListView *>(QStringLiteral("messageList"));
    QTRY_COMPARE(messages->model()->rowCount(), 7);
    // Open, active and at the bottom: read, so no badge on the open conversation.
    QTRY_COMPARE(window->conversations()->at(window->conversations()->rowOf(group)).unreadCount, 0);
    QTRY_VERIFY(messages->model()->index(5, 0).data(MessageListModel::ReadRole).toBool());
    // Separators above the first message and above the first of today, nowhere else.
    const QAbstractItemModel *model = messages->model();
    QList<int> separators;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (Ui::MessageDelegate::startsDay(model->index(row, 0)))
            separators << row;
    }
    QCOMPARE(separators, (QList<int> {0, 2}));
    QCOMPARE(Ui::MessageDelegate::dayLabel(QDate::currentDate()), QStringLiteral("Today"));
    QCOMPARE(Ui::MessageDelegate::dayLabel(QDate::currentDate().addDays(-1)),
        QStringLiteral("Yesterday"));
    QVERIFY(!Ui::MessageDelegate::dayLabel(QDate::currentDate().addDays(-3)).isEmpty());
    QVERIFY(!messages->model()->index(6, 0).data(MessageListModel::ReadRole).toBool());
    WsProbe carol;
    QVERIFY(carol.openReady(m_server.wsUrl(), m_carol.accessToken));
    carol.sendJson(typingFrame(group, true));
    auto *header = window->findChild<ConversationHeader *>(QStringLiteral("conversationHeader"));
    QTRY_COMPARE(header->typingText(), QStringLiteral("Carol is typing…"));
    QTest::qWait(200);
    saveScreenshot(*window, dark ? QStringLiteral("chat-dark.png") : QStringLiteral("chat.png"));
    window.reset();
    QApplication::setPalette(original);
}

QTEST_MAIN(TestChatView)
#include "tst_chatview.moc"
