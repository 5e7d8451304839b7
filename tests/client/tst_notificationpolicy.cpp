// When a desktop notification is raised (NotificationPolicy), what its body says, and that
// mute and "Do not disturb" survive a restart (NotificationSettings over a real settings
// file).
#include "app/core/notificationpolicy.h"
#include "app/core/notificationsettings.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Confab::Client;

class TestNotificationPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldNotify_data();
    void shouldNotify();
    void preview_data();
    void preview();
    void settingsPersist();
};

void TestNotificationPolicy::shouldNotify_data()
{
    QTest::addColumn<qint64>("sender");
    QTest::addColumn<qint64>("open");
    QTest::addColumn<bool>("active");
    QTest::addColumn<bool>("muted");
    QTest::addColumn<bool>("doNotDisturb");
    QTest::addColumn<bool>("deleted");
    QTest::addColumn<bool>("expected");

    // The user is 1; the message is in conversation 10.
    QTest::newRow("other conversation open")
        << qint64(2) << qint64(11) << true << false << false << false << true;
    QTest::newRow("nothing open") << qint64(2) << qint64(0) << true << false << false << false
                                  << true;
    QTest::newRow("open and focused")
        << qint64(2) << qint64(10) << true << false << false << false << false;
    QTest::newRow("open, window not active")
        << qint64(2) << qint64(10) << false << false << false << false << true;
    QTest::newRow("muted") << qint64(2) << qint64(11) << false << true << false << false << false;
    QTest::newRow("do not disturb")
        << qint64(2) << qint64(0) << false << false << true << false << false;
    QTest::newRow("own message") << qint64(1) << qint64(0) << false << false << false << false
                                 << false;
    QTest::newRow("deleted") << qint64(2) << qint64(0) << false << false << false << true << false;
}

void TestNotificationPolicy::shouldNotify()
{
    QFETCH(qint64, sender);
    QFETCH(qint64, open);
    QFETCH(bool, active);
    QFETCH(bool, muted);
    QFETCH(bool, doNotDisturb);
    QFETCH(bool, deleted);
    QFETCH(bool, expected);

    NotificationCandidate candidate;
    candidate.selfId = 1;
    candidate.senderId = sender;
    candidate.conversationId = 10;
    candidate.openConversationId = open;
    candidate.windowActive = active;
    candidate.muted = muted;
    candidate.doNotDisturb = doNotDisturb;
    candidate.deleted = deleted;
    QCOMPARE(NotificationPolicy::shouldNotify(candidate), expected);
}

void TestNotificationPolicy::preview_data()
{
    QTest::addColumn<QString>("content");
    QTest::addColumn<int>("maxLength");
    QTest::addColumn<QString>("expected");

    QTest::newRow("short") << QStringLiteral("Hi there") << 120 << QStringLiteral("Hi there");
    QTest::newRow("whitespace") << QStringLiteral("  two\n\nlines\t here ") << 120
                                << QStringLiteral("two lines here");
    QTest::newRow("exactly the limit") << QStringLiteral("abcde") << 5 << QStringLiteral("abcde");
    QTest::newRow("cut") << QStringLiteral("abcdefgh") << 5 << QStringLiteral("abcd…");
    QTest::newRow("no space before the ellipsis")
        << QStringLiteral("abc defgh") << 5 << QStringLiteral("abc…");
    // U+1F600 is a surrogate pair: never split it.
    QTest::newRow("surrogate pair")
        << QStringLiteral("abc\U0001F600xyz") << 5 << QStringLiteral("abc…");
}

void TestNotificationPolicy::preview()
{
    QFETCH(QString, content);
    QFETCH(int, maxLength);
    QFETCH(QString, expected);
    QCOMPARE(NotificationPolicy::preview(content, maxLength), expected);
}

void TestNotificationPolicy::settingsPersist()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("profile.ini"));
    {
        QSettings file(path, QSettings::IniFormat);
        NotificationSettings settings(&file);
        QVERIFY(!settings.isMuted(7));
        QVERIFY(!settings.doNotDisturb());
        QSignalSpy muted(&settings, &NotificationSettings::mutedChanged);
        QSignalSpy dnd(&settings, &NotificationSettings::doNotDisturbChanged);
        settings.setMuted(7, true);
        settings.setMuted(3, true);
        settings.setMuted(3, true); // no change, no signal
        settings.setMuted(3, false);
        settings.setDoNotDisturb(true);
        QCOMPARE(muted.count(), 3);
        QCOMPARE(dnd.count(), 1);
        QVERIFY(settings.isMuted(7));
        QVERIFY(!settings.isMuted(3));
    }
    QSettings file(path, QSettings::IniFormat);
    NotificationSettings reopened(&file);
    QVERIFY(reopened.isMuted(7));
    QVERIFY(!reopened.isMuted(3));
    QVERIFY(reopened.doNotDisturb());
}

QTEST_GUILESS_MAIN(TestNotificationPolicy)
#include "tst_notificationpolicy.moc"
