// The new-conversation dialog, the group info panel and the profile dialog, driven with
// QTest in alice's MainWindow against a real server; bob's own client (session, realtime
// connection, stores) shows that every change reaches other people live.
#include "app/core/avatarcache.h"
#include "app/core/conversationstore.h"
#include "app/core/memorysecretstore.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"
#include "app/core/userdirectory.h"
#include "app/ui/errorlabel.h"
#include "app/ui/groupinfopanel.h"
#include "app/ui/mainwindow.h"
#include "app/ui/newconversationdialog.h"
#include "app/ui/peoplesearch.h"
#include "app/ui/profiledialog.h"
#include "tests/client/clienttesthelpers.h"
#include "tests/support/testserver.h"
#include "tests/ui/widgettesthelpers.h"

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Confab;
using namespace Confab::Client;
using namespace Confab::Testing;
using namespace Confab::Ui;

namespace {

/// Both palettes of a widget, saved as `<name>-light.png` and `<name>-dark.png`.
void saveLightAndDark(QWidget &widget, const QString &name)
{
    saveScreenshot(widget, name + QStringLiteral("-light.png"));
    const QPalette original = QApplication::palette();
    QApplication::setPalette(darkPalette());
    QApplication::processEvents();
    saveScreenshot(widget, name + QStringLiteral("-dark.png"));
    QApplication::setPalette(original);
    QApplication::processEvents();
}

/// Ticks the search result whose text contains `username`.
bool tick(PeopleSearch *search, const QString &query, const QString &username)
{
    search->searchNow(query);
    QListWidget *results = search->resultList();
    for (int wait = 0; wait < 100 && (search->isSearching() || results->count() == 0); ++wait)
        QTest::qWait(50);
    for (int row = 0; row < results->count(); ++row) {
        if (results->item(row)->text().contains(QStringLiteral("@") + username)) {
            results->item(row)->setCheckState(Qt::Checked);
            return true;
        }
    }
    return false;
}

/// A small picture written to a file at test time.
QString writePicture(const QTemporaryDir &dir)
{
    QImage image(96, 96, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.fillRect(image.rect(), QColor(0x2e, 0x7d, 0x32));
    painter.setBrush(QColor(0xff, 0xd5, 0x4f));
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(QRect(24, 24, 48, 48));
    painter.end();
    const QString path = dir.filePath(QStringLiteral("me.png"));
    return image.save(path, "PNG") ? path : QString();
}

} // namespace

/// Someone else's client: the same client core the desktop app uses.
struct OtherClient
{
    MemorySecretStore secrets;
    std::unique_ptr<Session> session;
    std::unique_ptr<RealtimeClient> realtime;
    std::unique_ptr<ConversationStore> conversations;
    std::unique_ptr<UserDirectory> users;
    std::unique_ptr<AvatarCache> avatars;
};

class TestPanels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void newConversationDialogStartsDirectChatsAndGroups();
    void groupPanelManagesTheGroupLive();
    void profileDialogEditsTheProfileAndPassword();
    void clickingASenderOpensTheirProfile();
    void cleanupTestCase();

private:
    QList<qint64> membersSeenByBob(qint64 conversationId) const;

    TestServer m_server;
    std::unique_ptr<Testing::ApiClient> m_http;
    TestUser m_alice, m_bob, m_carol, m_dave;
    MemorySecretStore m_secrets;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MainWindow> m_window;
    OtherClient m_bobClient;
    qint64 m_group = 0;
};

void TestPanels::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_http = std::make_unique<Testing::ApiClient>(m_server.httpUrl());
    m_alice = registerUser(*m_http, QStringLiteral("alice"));
    m_bob = registerUser(*m_http, QStringLiteral("bob"));
    m_carol = registerUser(*m_http, QStringLiteral("carol"));
    m_dave = registerUser(*m_http, QStringLiteral("dave"));
    QVERIFY(m_alice.id && m_bob.id && m_carol.id && m_dave.id);

    m_session = std::make_unique<Session>(m_server.httpUrl(), &m_secrets);
    QVERIFY(await(m_session->signIn(QStringLiteral("alice"), QStringLiteral("correct horse"))));
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_COMPARE(m_window->realtime()->state(), RealtimeClient::State::Connected);

    OtherClient &bob = m_bobClient;
    bob.session = std::make_unique<Session>(m_server.httpUrl(), &bob.secrets);
    QVERIFY(await(bob.session->signIn(QStringLiteral("bob"), QStringLiteral("correct horse"))));
    bob.realtime = std::make_unique<RealtimeClient>(bob.session.get());
    bob.conversations = std::make_unique<ConversationStore>(bob.session.get(), bob.realtime.get());
    bob.users = std::make_unique<UserDirectory>(
        bob.session.get(), bob.realtime.get(), bob.conversations.get());
    bob.avatars = std::make_unique<AvatarCache>(bob.session.get());
    bob.realtime->start();
    QTRY_COMPARE(bob.realtime->state(), RealtimeClient::State::Connected);
}

void TestPanels::cleanupTestCase()
{
    m_window.reset();
    m_bobClient.avatars.reset();
    m_bobClient.users.reset();
    m_bobClient.conversations.reset();
    m_bobClient.realtime.reset();
    m_bobClient.session.reset();
    m_session.reset();
}

QList<qint64> TestPanels::membersSeenByBob(qint64 conversationId) const
{
    QList<qint64> ids;
    if (const Conversation *conversation = m_bobClient.conversations->find(conversationId)) {
        for (const Participant &participant : conversation->participants)
            ids.append(participant.user.id);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

void TestPanels::newConversationDialogStartsDirectChatsAndGroups()
{
    // Ctrl+N opens the dialog.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
    NewConversationDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<NewConversationDialog *>()) != nullptr);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(!dialog->createButton()->isEnabled());

    // Nobody matches: said in place.
    QTest::keyClicks(dialog->search()->queryEdit(), QStringLiteral("zz"));
    auto *status = dialog->search()->findChild<QLabel *>(QStringLiteral("peopleStatus"));
    QTRY_COMPARE(status->text(), QStringLiteral("No one found"));

    // A query the server refuses: its message, in place.
    dialog->search()->searchNow(QString(65, QLatin1Char('x')));
    QTRY_VERIFY(!dialog->search()->isSearching());
    QVERIFY(status->text() != QStringLiteral("No one found"));
    QVERIFY(status->text().contains(QStringLiteral("64")));

    // Bob alone: a direct chat, opened.
    QVERIFY(tick(dialog->search(), QStringLiteral("bo"), QStringLiteral("bob")));
    QVERIFY(dialog->createButton()->isEnabled());
    saveLightAndDark(*dialog, QStringLiteral("new-conversation"));
    QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
    QTRY_VERIFY(m_window->currentConversationId() != 0);
    const qint64 direct = m_window->currentConversationId();
    QCOMPARE(m_window->conversations()->find(direct)->type, ConversationType::Direct);
    QTRY_VERIFY(m_bobClient.conversations->find(direct));

    // Info on a direct chat is the other person's profile.
    auto *peer = qobject_cast<ProfileDialog *>(m_window->showConversationInfo());
    QVERIFY(peer);
    QCOMPARE(peer->userId(), m_bob.id);
    peer->close();

    // Bob again: the same direct chat, not a second one.
    QPointer<NewConversationDialog> again = m_window->showNewConversation();
    QVERIFY(tick(again->search(), QStringLiteral("bo"), QStringLiteral("bob")));
    QTest::mouseClick(again->createButton(), Qt::LeftButton);
    QTRY_VERIFY(!again);
    QCOMPARE(m_window->currentConversationId(), direct);

    // Bob and carol, picked from two searches, and a title: a group.
    QPointer<NewConversationDialog> group = m_window->showNewConversation();
    QVERIFY(tick(group->search(), QStringLiteral("bo"), QStringLiteral("bob")));
    QVERIFY(tick(group->search(), QStringLiteral("car"), QStringLiteral("carol")));
    // Enter on a result unticks it and ticks it again.
    QListWidget *results = group->search()->resultList();
    results->setCurrentRow(0);
    results->setFocus();
    QTest::keyClick(results, Qt::Key_Return);
    QCOMPARE(group->search()->selectedUsers().size(), 1);
    QTest::keyClick(results, Qt::Key_Return);
    QCOMPARE(group->search()->selectedUsers().size(), 2);
    QVERIFY(!group->createButton()->isEnabled()); // a group needs a title
    QTest::keyClicks(group->titleEdit(), QStringLiteral("Picnic"));
    QVERIFY(group->createButton()->isEnabled());
    QTest::mouseClick(group->createButton(), Qt::LeftButton);
    QTRY_VERIFY(!group);
    m_group = m_window->currentConversationId();
    QVERIFY(m_group != direct);
    QCOMPARE(m_window->conversations()->find(m_group)->title, QStringLiteral("Picnic"));
    QTRY_COMPARE(membersSeenByBob(m_group), (QList<qint64> {m_alice.id, m_bob.id, m_carol.id}));
}

void TestPanels::groupPanelManagesTheGroupLive()
{
    QVERIFY(m_group);
    QVERIFY(m_window->openConversation(m_group));
    auto *panel = qobject_cast<GroupInfoPanel *>(m_window->showConversationInfo());
    QVERIFY(panel);
    QPointer<GroupInfoPanel> alive(panel);
    QVERIFY(QTest::qWaitForWindowExposed(panel));
    QVERIFY(panel->isAdmin());
    QCOMPARE(panel->memberList()->count(), 3);

    // Rename in place; bob's client hears of it.
    panel->titleEdit()->clear();
    QVERIFY(!panel->renameButton()->isEnabled());
    QTest::keyClicks(panel->titleEdit(), QStringLiteral("Picnic in the park"));
    QTest::mouseClick(panel->renameButton(), Qt::LeftButton);
    QTRY_COMPARE(
        m_bobClient.conversations->find(m_group)->title, QStringLiteral("Picnic in the park"));
    QTRY_COMPARE(panel->findChild<QLabel *>(QStringLiteral("groupInfoTitle"))->text(),
        QStringLiteral("Picnic in the park"));

    // Alice is the only admin: demoting herself is refused, with the server's message.
    QVERIFY(panel->selectMember(m_alice.id));
    QTest::mouseClick(panel->roleButton(), Qt::LeftButton);
    QTRY_VERIFY(panel->errorLabel()->isVisible());
    QVERIFY(panel->errorLabel()->text().contains(QStringLiteral("at least one admin")));
    QVERIFY(panel->isAdmin());

    // Add dave.
    QVERIFY(tick(panel->search(), QStringLiteral("da"), QStringLiteral("dave")));
    QTest::mouseClick(panel->addButton(), Qt::LeftButton);
    QTRY_COMPARE(
        membersSeenByBob(m_group), (QList<qint64> {m_alice.id, m_bob.id, m_carol.id, m_dave.id}));
    QTRY_COMPARE(panel->memberList()->count(), 4);

    // Promote bob: his client sees himself as admin.
    QVERIFY(panel->selectMember(m_bob.id));
    QCOMPARE(panel->roleButton()->text(), QStringLiteral("Make &admin"));
    QTest::mouseClick(panel->roleButton(), Qt::LeftButton);
    const auto bobsRole = [this] {
        for (const Participant &p : m_bobClient.conversations->find(m_group)->participants) {
            if (p.user.id == m_bob.id)
                return p.role;
        }
        return ParticipantRole::Member;
    };
    QTRY_COMPARE(bobsRole(), ParticipantRole::Admin);
    QTRY_COMPARE(panel->roleButton()->text(), QStringLiteral("Remove &admin"));

    // Remove carol.
    QVERIFY(panel->selectMember(m_carol.id));
    QTest::mouseClick(panel->removeButton(), Qt::LeftButton);
    QTRY_COMPARE(membersSeenByBob(m_group), (QList<qint64> {m_alice.id, m_bob.id, m_dave.id}));
    QTRY_COMPARE(panel->memberList()->count(), 3);

    // The last successful action cleared the error.
    QVERIFY(panel->selectMember(m_alice.id));
    QVERIFY(panel->errorLabel()->isHidden());
    saveLightAndDark(*panel, QStringLiteral("group-info"));

    // Leave, after confirming; the conversation closes and leaves the list.
    QTest::mouseClick(panel->leaveButton(), Qt::LeftButton);
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = panel->findChild<QMessageBox *>(QStringLiteral("leaveConfirmation")))
        != nullptr);
    QTest::mouseClick(confirm->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_COMPARE(m_window->conversations()->rowOf(m_group), -1);
    QCOMPARE(m_window->currentConversationId(), 0);
    QTRY_VERIFY(!alive || !alive->isVisible());
    QTRY_COMPARE(membersSeenByBob(m_group), (QList<qint64> {m_bob.id, m_dave.id}));
}

void TestPanels::profileDialogEditsTheProfileAndPassword()
{
    QAction *action = m_window->findChild<QAction *>(QStringLiteral("profileAction"));
    QVERIFY(action);
    action->trigger();
    ProfileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ProfileDialog *>()) != nullptr);
    QVERIFY(dialog->isOwn());
    QVERIFY(QTest::qWaitForWindowExposed(dialog));

    QTemporaryDir dir;
    const QString picture = writePicture(dir);
    QVERIFY(!picture.isEmpty());

    // A file that is no picture is refused in place.
    const QString notPicture = dir.filePath(QStringLiteral("notes.png"));
    {
        QFile file(notPicture);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("just text");
    }
    dialog->setPictureFile(notPicture);
    QTRY_VERIFY(dialog->profileError()->isVisible());
    QVERIFY(!dialog->hasPendingPicture());

    dialog->displayNameEdit()->clear();
    QTest::keyClicks(dialog->displayNameEdit(), QStringLiteral("Alice Martin"));
    dialog->bioEdit()->setFocus();
    QTest::keyClicks(dialog->bioEdit(), QStringLiteral("Plays the oboe."));
    dialog->setPictureFile(picture);
    QTRY_VERIFY(dialog->hasPendingPicture());
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_COMPARE(dialog->statusLabel()->text(), QStringLiteral("Profile saved."));
    QVERIFY(dialog->profileError()->isHidden());
    QTRY_COMPARE(m_window->findChild<QLabel *>(QStringLiteral("selfLabel"))->text(),
        QStringLiteral("Signed in as Alice Martin"));

    // Bob's client gets the new profile and downloads the picture.
    QTRY_COMPARE(
        m_bobClient.users->cached(m_alice.id)->displayName, QStringLiteral("Alice Martin"));
    const User seen = *m_bobClient.users->cached(m_alice.id);
    QCOMPARE(seen.bio, QStringLiteral("Plays the oboe."));
    QVERIFY(!seen.profilePictureUrl.isEmpty());
    QVERIFY(m_bobClient.avatars->avatar(m_alice.id, seen.profilePictureUrl).isNull());
    QTRY_VERIFY(!m_bobClient.avatars->avatar(m_alice.id, seen.profilePictureUrl).isNull());
    QCOMPARE(m_bobClient.avatars->avatar(m_alice.id, seen.profilePictureUrl).size(), QSize(96, 96));

    // A wrong current password: the server's message, in place.
    QTest::keyClicks(dialog->currentPasswordEdit(), QStringLiteral("not my password"));
    QTest::keyClicks(dialog->newPasswordEdit(), QStringLiteral("a much better one"));
    QTest::mouseClick(dialog->passwordButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog->passwordError()->isVisible());
    QVERIFY(!dialog->passwordError()->text().isEmpty());
    QVERIFY(!dialog->passwordError()->text().contains(QStringLiteral("403")));

    // The right one: changed, and the session goes on with its fresh tokens.
    dialog->currentPasswordEdit()->clear();
    QTest::keyClicks(dialog->currentPasswordEdit(), QStringLiteral("correct horse"));
    QTest::mouseClick(dialog->passwordButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog->statusLabel()->text().startsWith(QStringLiteral("Password changed")));
    QVERIFY(dialog->passwordError()->isHidden());
    QVERIFY(m_session->isSignedIn());
    const Testing::ApiReply login = m_http->post(QStringLiteral("/api/auth/login"),
        {{QStringLiteral("username"), QStringLiteral("alice")},
            {QStringLiteral("password"), QStringLiteral("a much better one")}});
    QCOMPARE(login.status, 200);
    dialog->statusLabel()->clear();
    QTRY_VERIFY(!m_window->avatars()->avatar(m_alice.id, seen.profilePictureUrl).isNull());
    saveLightAndDark(*dialog, QStringLiteral("profile-own"));
    dialog->close();

    // Someone else's profile, read-only, opened for bob.
    ProfileDialog *other = m_window->showProfile(m_bob.id);
    QVERIFY(other && !other->isOwn());
    QVERIFY(QTest::qWaitForWindowExposed(other));
    QCOMPARE(other->findChild<QLabel *>(QStringLiteral("profileUsername"))->text(),
        QStringLiteral("@bob"));
    QCOMPARE(other->findChild<QLabel *>(QStringLiteral("profilePresence"))->text(),
        QStringLiteral("online"));
    saveLightAndDark(*other, QStringLiteral("profile-other"));
    other->close();
}

void TestPanels::clickingASenderOpensTheirProfile()
{
    const Testing::ApiReply created = m_http->post(QStringLiteral("/api/conversations"),
        {{QStringLiteral("participantIds"), QJsonArray {m_alice.id, m_carol.id}},
            {QStringLiteral("title"), QStringLiteral("Band practice")}},
        m_bob.accessToken);
    QCOMPARE(created.status, 201);
    const qint64 band = created.json.value(QStringLiteral("id")).toInteger();
    QCOMPARE(m_http
                 ->post(QStringLiteral("/api/conversations/%1/messages").arg(band),
                     {{QStringLiteral("content"), QStringLiteral("Thursday at seven?")}},
                     m_bob.accessToken)
                 .status,
        201);
    QTRY_VERIFY(m_window->openConversation(band));

    // Alice is a member here: the panel offers no admin controls, leaving stays possible.
    auto *panel = qobject_cast<GroupInfoPanel *>(m_window->showConversationInfo());
    QVERIFY(panel);
    QVERIFY(QTest::qWaitForWindowExposed(panel));
    QVERIFY(!panel->isAdmin());
    QVERIFY(panel->renameButton()->isHidden());
    QVERIFY(panel->roleButton()->isHidden());
    QVERIFY(panel->removeButton()->isHidden());
    QVERIFY(panel->addButton()->isHidden());
    QVERIFY(panel->leaveButton()->isVisible());
    saveScreenshot(*panel, QStringLiteral("group-info-member.png"));
    panel->close();

    auto *messages = m_window->findChild<QListView *>(QStringLiteral("messageList"));
    QTRY_COMPARE(messages->model()->rowCount(), 1);
    QTest::qWait(50); // laid out
    saveScreenshot(*m_window, QStringLiteral("main-window-group-avatars.png"));

    // The sender's avatar sits left of the bubble, under the day separator: clicking it opens
    // bob's profile. Clicks go down its column until one lands on the avatar.
    const QRect row = messages->visualRect(messages->model()->index(0, 0));
    ProfileDialog *profile = nullptr;
    for (int y = row.top() + 2; y < row.bottom() && !profile; y += 4) {
        QTest::mouseClick(messages->viewport(), Qt::LeftButton, {}, QPoint(row.left() + 20, y));
        profile = m_window->findChild<ProfileDialog *>();
    }
    QVERIFY(profile);
    QCOMPARE(profile->userId(), m_bob.id);
    profile->close();
}

QTEST_MAIN(TestPanels)
#include "tst_panels.moc"
