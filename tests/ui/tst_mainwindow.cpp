// MainWindow signed in against a real server: the conversation list shows a conversation
// made on the server, opening it shows its messages, Enter in the composer sends (checked
// through a second real client), and another client's message appears live.
#include "app/core/conversationlistmodel.h"
#include "app/core/conversationstore.h"
#include "app/core/memorysecretstore.h"
#include "app/core/messagelistmodel.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"
#include "app/ui/composer.h"
#include "app/ui/mainwindow.h"
#include "tests/client/clienttesthelpers.h"
#include "tests/support/testserver.h"
#include "tests/ui/conversationfixtures.h"
#include "tests/ui/widgettesthelpers.h"

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace Confab;
using namespace Confab::Client;
using namespace Confab::Testing;
using Confab::Ui::MainWindow;

namespace {

QStringList contents(const QAbstractItemModel *model)
{
    QStringList out;
    for (int row = 0; model && row < model->rowCount(); ++row)
        out << model->index(row, 0).data(MessageListModel::ContentRole).toString();
    return out;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsOpensSendsAndReceives();
    void scrollingToTheTopLoadsOlderMessagesInPlace();
    void failedMessageIsMarkedAndSentAfterReconnect();
    void darkPalette();
    void filterNarrowsTheList();
    void paintsAtTheScreensScale();
    void cleanupTestCase();

private:
    /// Shows `window`, opens the "Weekend trip" group made by listsOpensSendsAndReceives and
    /// waits until its four messages are laid out.
    void openWeekendTrip(MainWindow &window);

    TestServer m_server;
    std::unique_ptr<Testing::ApiClient> m_http;
    std::unique_ptr<ConversationFixtures> m_fixtures;
    TestUser m_alice, m_bob, m_carol;
    MemorySecretStore m_secrets;
    std::unique_ptr<Session> m_session;
};

void TestMainWindow::initTestCase()
{
    QString error;
    QVERIFY2(startWithUsers(m_server, m_http,
                 {{QStringLiteral("alice"), &m_alice}, {QStringLiteral("bob"), &m_bob},
                     {QStringLiteral("carol"), &m_carol}},
                 &error),
        qPrintable(error));
    m_fixtures = std::make_unique<ConversationFixtures>(m_http.get());
    m_session = std::make_unique<Session>(m_server.httpUrl(), &m_secrets);
    QVERIFY(await(m_session->signIn(QStringLiteral("alice"), QStringLiteral("correct horse"))));
}

void TestMainWindow::cleanupTestCase()
{
    m_session.reset();
}

void TestMainWindow::openWeekendTrip(MainWindow &window)
{
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *list = window.findChild<QListView *>(QStringLiteral("conversationList"));
    QTRY_VERIFY(list->model()->rowCount() >= 2);
    qint64 group = 0;
    for (int row = 0; row < list->model()->rowCount(); ++row) {
        const QModelIndex index = list->model()->index(row, 0);
        if (index.data(ConversationListModel::TitleRole).toString()
            == QStringLiteral("Weekend trip"))
            group = index.data(ConversationListModel::IdRole).toLongLong();
    }
    QVERIFY(window.openConversation(group));
    auto *messages = window.findChild<QListView *>(QStringLiteral("messageList"));
    QTRY_COMPARE(messages->model()->rowCount(), 4);
    QTest::qWait(100);
}

void TestMainWindow::listsOpensSendsAndReceives()
{
    const qint64 direct = m_fixtures->createDirect(m_bob, m_alice.id);
    QVERIFY(direct);
    QCOMPARE(m_fixtures->post(m_bob, direct, QStringLiteral("Lunch tomorrow?")), 201);
    const qint64 group =
        m_fixtures->createGroup(m_bob, {m_alice.id, m_carol.id}, QStringLiteral("Weekend trip"));
    QVERIFY(group);
    QCOMPARE(m_fixtures->post(m_bob, group, QStringLiteral("Who is bringing the tent?")), 201);
    QCOMPARE(m_fixtures->post(m_carol, group,
                 QStringLiteral("I can bring the tent and the stove. Does anyone have a spare "
                                "sleeping bag? Mine tore last summer.")),
        201);

    MainWindow window(m_session.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy ready(window.realtime(), &RealtimeClient::ready);
    QVERIFY(ready.wait());

    // The list shows the conversations made on the server, newest activity first.
    auto *list = window.findChild<QListView *>(QStringLiteral("conversationList"));
    QVERIFY(list);
    QTRY_COMPARE(list->model()->rowCount(), 2);
    QCOMPARE(list->model()->index(0, 0).data(ConversationListModel::TitleRole).toString(),
        QStringLiteral("Weekend trip"));

    // Opening it shows its messages.
    QVERIFY(window.openConversation(group));
    auto *title = window.findChild<QLabel *>(QStringLiteral("conversationTitle"));
    QCOMPARE(title->text(), QStringLiteral("Weekend trip"));
    auto *messages = window.findChild<QListView *>(QStringLiteral("messageList"));
    QTRY_COMPARE(messages->model()->rowCount(), 2);
    QCOMPARE(contents(messages->model()).first(), QStringLiteral("Who is bringing the tent?"));

    // Enter in the composer sends; a second real client sees it on the server.
    auto *composer = window.findChild<Ui::Composer *>(QStringLiteral("composer"));
    QVERIFY(composer);
    composer->setFocus();
    QTest::keyClicks(composer, QStringLiteral("I have one"));
    QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(composer, QStringLiteral("you can borrow it"));
    QTest::keyClick(composer, Qt::Key_Return);
    QCOMPARE(composer->toPlainText(), QString());
    QTRY_COMPARE(messages->model()->rowCount(), 3);
    const QString sent = QStringLiteral("I have one\nyou can borrow it");
    QCOMPARE(contents(messages->model()).last(), sent);
    QTRY_COMPARE(messages->model()->index(2, 0).data(MessageListModel::StateRole).toInt(),
        int(MessageListModel::Sent));
    const Testing::ApiReply history = m_http->get(
        QStringLiteral("/api/conversations/%1/messages").arg(group), m_carol.accessToken);
    QCOMPARE(history.status, 200);
    const QJsonArray items = history.json.value(QStringLiteral("messages")).toArray();
    QVERIFY(!items.isEmpty());
    bool found = false;
    for (const auto &item : items) {
        const QJsonObject message = item.toObject();
        if (message.value(QStringLiteral("content")).toString() == sent)
            found = message.value(QStringLiteral("senderId")).toInteger() == m_alice.id;
    }
    QVERIFY2(found, history.body.constData());

    // Another client's message appears live, and the view stays at the bottom.
    QCOMPARE(m_fixtures->post(m_carol, group, QStringLiteral("Thanks Alice!")), 201);
    QTRY_COMPARE(messages->model()->rowCount(), 4);
    QCOMPARE(contents(messages->model()).last(), QStringLiteral("Thanks Alice!"));
    QTRY_COMPARE(messages->verticalScrollBar()->value(), messages->verticalScrollBar()->maximum());

    // Bob writes in the other conversation: with his first message, two unread there.
    QCOMPARE(m_fixtures->post(m_bob, direct, QStringLiteral("Or dinner tonight?")), 201);
    QTRY_COMPARE(
        list->model()->index(0, 0).data(ConversationListModel::UnreadCountRole).toInt(), 2);
    QTest::qWait(200);
    saveScreenshot(window, QStringLiteral("main-window.png"));
}

void TestMainWindow::scrollingToTheTopLoadsOlderMessagesInPlace()
{
    const qint64 group = m_fixtures->createGroup(m_carol, {m_alice.id}, QStringLiteral("History"));
    QVERIFY(group);
    for (int i = 0; i < 120; ++i)
        QCOMPARE(m_fixtures->post(m_carol, group, QStringLiteral("history %1").arg(i)), 201);

    MainWindow window(m_session.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(window.openConversation(group));
    auto *messages = window.findChild<QListView *>(QStringLiteral("messageList"));
    QScrollBar *bar = messages->verticalScrollBar();
    // The newest page, shown at the bottom; nothing older is fetched while nobody scrolls.
    QTRY_COMPARE(messages->model()->rowCount(), 50);
    QTRY_VERIFY(bar->maximum() > 0 && bar->value() == bar->maximum());
    QTest::qWait(300);
    QCOMPARE(messages->model()->rowCount(), 50);
    QCOMPARE(contents(messages->model()).last(), QStringLiteral("history 119"));

    // At the top, the previous page is prepended and the message that was on top stays put.
    // The anchor is taken in the middle of the view: the former first row loses its day
    // separator once older messages of the same day are above it.
    bar->setValue(0);
    const QPoint probe(20, messages->viewport()->height() / 2);
    const QModelIndex anchorBefore = messages->indexAt(probe);
    const QString anchor = anchorBefore.data(MessageListModel::ContentRole).toString();
    QTRY_COMPARE(messages->model()->rowCount(), 100);
    QTRY_VERIFY(bar->value() > 0);
    QTest::qWait(100);
    const QString nowOnTop =
        messages->indexAt(probe).data(MessageListModel::ContentRole).toString();
    QCOMPARE(nowOnTop, anchor);
    QCOMPARE(contents(messages->model()).first(), QStringLiteral("history 20"));
    bar->setValue(0);
    QTRY_COMPARE(messages->model()->rowCount(), 120);
    QCOMPARE(contents(messages->model()).first(), QStringLiteral("history 0"));
}

void TestMainWindow::failedMessageIsMarkedAndSentAfterReconnect()
{
    const qint64 direct = m_fixtures->createDirect(m_carol, m_alice.id);
    QVERIFY(direct);
    QCOMPARE(m_fixtures->post(m_carol, direct, QStringLiteral("Are you there?")), 201);

    MainWindow window(m_session.get());
    window.realtime()->setBackoff(std::chrono::milliseconds(100), std::chrono::milliseconds(400));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy ready(window.realtime(), &RealtimeClient::ready);
    QVERIFY(ready.wait());
    QTRY_VERIFY(window.openConversation(direct));
    auto *messages = window.findChild<QListView *>(QStringLiteral("messageList"));
    QTRY_COMPARE(messages->model()->rowCount(), 1);

    m_server.stop();
    auto *composer = window.findChild<Ui::Composer *>(QStringLiteral("composer"));
    composer->setFocus();
    QTest::keyClicks(composer, QStringLiteral("Yes, but the server is down"));
    QTest::keyClick(composer, Qt::Key_Return);
    QTRY_COMPARE(messages->model()->index(1, 0).data(MessageListModel::StateRole).toInt(),
        int(MessageListModel::Failed));
    QTest::qWait(100);
    saveScreenshot(window, QStringLiteral("main-window-failed.png"));

    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(
        messages->model()->index(1, 0).data(MessageListModel::StateRole).toInt(),
        int(MessageListModel::Sent), 10000);
    QCOMPARE(messages->model()->rowCount(), 2);
}

void TestMainWindow::darkPalette()
{
    // Only a screenshot to look at: the delegates take their colours from the palette.
    const QPalette original = QApplication::palette();
    QApplication::setPalette(Confab::Testing::darkPalette());

    MainWindow window(m_session.get());
    openWeekendTrip(window);
    if (QTest::currentTestFailed())
        return;
    saveScreenshot(window, QStringLiteral("main-window-dark.png"));
    QApplication::setPalette(original);
}

void TestMainWindow::paintsAtTheScreensScale()
{
    // At 1x and, as tst_mainwindow_2x, with QT_SCALE_FACTOR=2: the window renders at the
    // device scale (text, avatars and bubbles drawn in device pixels, not scaled up).
    MainWindow window(m_session.get());
    window.resize(900, 560);
    openWeekendTrip(window);
    if (QTest::currentTestFailed())
        return;

    const qreal scale = window.devicePixelRatioF();
    const QPixmap shot = window.grab();
    QCOMPARE(shot.devicePixelRatio(), scale);
    QCOMPARE(shot.size(), (QSizeF(window.size()) * scale).toSize());
    saveScreenshot(window, QStringLiteral("main-window@%1x.png").arg(scale));
}

void TestMainWindow::filterNarrowsTheList()
{
    MainWindow window(m_session.get());
    window.show();
    auto *list = window.findChild<QListView *>(QStringLiteral("conversationList"));
    QTRY_COMPARE(list->model()->rowCount(), 4);
    auto *filter = window.findChild<QLineEdit *>(QStringLiteral("conversationFilter"));
    QTest::keyClicks(filter, QStringLiteral("TRIP"));
    QCOMPARE(list->model()->rowCount(), 1);
    QCOMPARE(list->model()->index(0, 0).data(ConversationListModel::TitleRole).toString(),
        QStringLiteral("Weekend trip"));
    filter->clear();
    QCOMPARE(list->model()->rowCount(), 4);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
