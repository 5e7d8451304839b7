// ClientApplication headless (no Secret Service): it falls back to a memory secret store
// and says so, signs in through the sign-in window, and signs out back to it.
#include "app/ui/clientapplication.h"
#include "app/ui/mainwindow.h"
#include "app/ui/signinwindow.h"
#include "tests/support/testserver.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

using namespace Confab;
using namespace Confab::Testing;

namespace {
template<typename T>
T *visibleTopLevel()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (auto *window = qobject_cast<T *>(widget); window && window->isVisible())
            return window;
    }
    return nullptr;
}
} // namespace

class TestClientApplication : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fallsBackToMemoryAndSignsInAndOut();

private:
    TestServer m_server;
};

void TestClientApplication::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    Testing::ApiClient http(m_server.httpUrl());
    QVERIFY(registerUser(http, QStringLiteral("alice")).id);
}

void TestClientApplication::fallsBackToMemoryAndSignsInAndOut()
{
    if (qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("a session bus may offer a Secret Service; this test is for headless runs");
    Ui::ClientApplication client(QStringLiteral("test"), m_server.httpUrl().toString());
    client.start();
    QTRY_VERIFY(visibleTopLevel<Ui::SignInWindow>());
    Ui::SignInWindow *signIn = visibleTopLevel<Ui::SignInWindow>();
    auto *note = signIn->findChild<QLabel *>(QStringLiteral("noteLabel"));
    QVERIFY(note->isVisible());
    QCOMPARE(note->text(),
        QStringLiteral("No secret store is available: you will stay signed in for this run only"));
    QCOMPARE(signIn->serverAddress(), m_server.httpUrl().toString());
    // --server names the server to join: hosting is not offered instead.
    QVERIFY(!signIn->findChild<QPushButton *>(QStringLiteral("hostInsteadButton"))->isVisible());

    signIn->findChild<QLineEdit *>(QStringLiteral("usernameField"))
        ->setText(QStringLiteral("alice"));
    signIn->findChild<QLineEdit *>(QStringLiteral("passwordField"))
        ->setText(QStringLiteral("correct horse"));
    QTest::mouseClick(
        signIn->findChild<QPushButton *>(QStringLiteral("submitButton")), Qt::LeftButton);
    QTRY_VERIFY(visibleTopLevel<Ui::MainWindow>());
    Ui::MainWindow *main = visibleTopLevel<Ui::MainWindow>();
    QCOMPARE(main->findChild<QLabel *>(QStringLiteral("selfLabel"))->text(),
        QStringLiteral("Signed in as alice"));

    main->findChild<QAction *>(QStringLiteral("signOutAction"))->trigger();
    QTRY_VERIFY(visibleTopLevel<Ui::SignInWindow>());
    QTRY_VERIFY(!visibleTopLevel<Ui::MainWindow>());
    // The username is remembered; the error line stays empty after a sign-out one asked for.
    signIn = visibleTopLevel<Ui::SignInWindow>();
    QCOMPARE(signIn->findChild<QLineEdit *>(QStringLiteral("usernameField"))->text(),
        QStringLiteral("alice"));
    QVERIFY(!signIn->findChild<QLabel *>(QStringLiteral("formError"))->isVisible());
}

QTEST_MAIN(TestClientApplication)
#include "tst_clientapplication.moc"
