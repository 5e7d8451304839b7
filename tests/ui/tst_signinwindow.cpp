// SignInWindow against a real server: inline validation before any request, the server's
// message on a wrong password, "Can't reach the server." without one, and signedIn().
#include "app/core/memorysecretstore.h"
#include "app/core/session.h"
#include "app/ui/signinwindow.h"
#include "tests/client/clienttesthelpers.h"
#include "tests/support/testserver.h"
#include "tests/ui/widgettesthelpers.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Confab;
using namespace Confab::Client;
using namespace Confab::Testing;
using Confab::Ui::SignInWindow;

namespace {

void typeInto(QWidget &window, const char *name, const QString &text)
{
    auto *field = child<QLineEdit>(window, name);
    field->clear();
    QTest::keyClicks(field, text);
}

} // namespace

class TestSignInWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void validatesInlineWithoutARequest_data();
    void validatesInlineWithoutARequest();
    void wrongPasswordShowsTheServersMessage();
    void unreachableServer();
    void signInEmitsSignedIn();
    void createAccount();
    void inviteOnlyServerAsksForTheCode();

private:
    TestServer m_server;
    std::unique_ptr<Testing::ApiClient> m_http;
    MemorySecretStore m_secrets;
};

void TestSignInWindow::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_http = std::make_unique<Testing::ApiClient>(m_server.httpUrl());
    QVERIFY(registerUser(*m_http, QStringLiteral("alice")).id);
    {
        MemorySecretStore secrets;
        Session s(m_server.httpUrl(), &secrets);
        auto r = await(s.signIn(QStringLiteral("alice"), QStringLiteral("correct horse")));
        QVERIFY(r);
        QCOMPARE(s.user().username, QStringLiteral("alice")); // GCC 12 co_return regression
    }
}

void TestSignInWindow::validatesInlineWithoutARequest_data()
{
    QTest::addColumn<bool>("create");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("confirm");
    QTest::addColumn<QString>("problemLabel");
    QTest::addColumn<QString>("expected");

    QTest::newRow("short username")
        << false << QStringLiteral("al") << QStringLiteral("12345678") << QString()
        << QStringLiteral("usernameProblem") << QStringLiteral("Use 3 to 32 letters");
    QTest::newRow("bad character")
        << false << QStringLiteral("al ice") << QStringLiteral("12345678") << QString()
        << QStringLiteral("usernameProblem") << QStringLiteral("Use 3 to 32 letters");
    QTest::newRow("short password")
        << false << QStringLiteral("alice") << QStringLiteral("short") << QString()
        << QStringLiteral("passwordProblem") << QStringLiteral("Use 8 to 128 characters.");
    QTest::newRow("long password")
        << true << QStringLiteral("alice") << QString(129, u'x') << QString(129, u'x')
        << QStringLiteral("passwordProblem") << QStringLiteral("Use 8 to 128 characters.");
    QTest::newRow("mismatch") << true << QStringLiteral("carol") << QStringLiteral("correct horse")
                              << QStringLiteral("correct house") << QStringLiteral("confirmProblem")
                              << QStringLiteral("The passwords don't match.");
}

void TestSignInWindow::validatesInlineWithoutARequest()
{
    QFETCH(bool, create);
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(QString, confirm);
    QFETCH(QString, problemLabel);
    QFETCH(QString, expected);

    SignInWindow window(&m_secrets);
    window.setServerAddress(m_server.httpUrl().toString());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    if (create)
        QTest::mouseClick(child<QRadioButton>(window, "createModeButton"), Qt::LeftButton);
    QCOMPARE(child<QLineEdit>(window, "confirmField")->isVisible(), create);
    typeInto(window, "usernameField", username);
    typeInto(window, "passwordField", password);
    if (create)
        typeInto(window, "confirmField", confirm);
    QSignalSpy signedIn(&window, &SignInWindow::signedIn);
    QTest::mouseClick(child<QPushButton>(window, "submitButton"), Qt::LeftButton);

    // A request would make the window busy at once; validation keeps it idle.
    QVERIFY(!window.isBusy());
    auto *problem = window.findChild<QLabel *>(problemLabel);
    QVERIFY(problem);
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().startsWith(expected), qPrintable(problem->text()));
    QVERIFY(!child<QLabel>(window, "formError")->isVisible());
    QTest::qWait(50);
    QCOMPARE(signedIn.count(), 0);
    if (QByteArray(QTest::currentDataTag()) == "mismatch")
        saveScreenshot(window, QStringLiteral("sign-in-validation.png"));
}

void TestSignInWindow::wrongPasswordShowsTheServersMessage()
{
    SignInWindow window(&m_secrets);
    window.setServerAddress(m_server.httpUrl().toString());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    typeInto(window, "usernameField", QStringLiteral("alice"));
    typeInto(window, "passwordField", QStringLiteral("wrong password"));
    QTest::keyClick(child<QLineEdit>(window, "passwordField"), Qt::Key_Return);

    auto *submit = child<QPushButton>(window, "submitButton");
    QVERIFY(window.isBusy());
    QVERIFY(!submit->isEnabled());
    QCOMPARE(submit->text(), QStringLiteral("Signing in…"));
    QTRY_VERIFY(!window.isBusy());
    QVERIFY(submit->isEnabled());

    // The server's own sentence, never a status code.
    const Testing::ApiReply reply = m_http->post(QStringLiteral("/api/auth/login"),
        {{QStringLiteral("username"), QStringLiteral("alice")},
            {QStringLiteral("password"), QStringLiteral("wrong password")}});
    const QString serverMessage = reply.json.value(QStringLiteral("error"))
                                      .toObject()
                                      .value(QStringLiteral("message"))
                                      .toString();
    QVERIFY(!serverMessage.isEmpty());
    auto *error = child<QLabel>(window, "formError");
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), serverMessage);
    QVERIFY(!error->text().contains(QStringLiteral("401")));
    QVERIFY(!window.takeSession());
    saveScreenshot(window, QStringLiteral("sign-in-wrong-password.png"));
}

void TestSignInWindow::unreachableServer()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();

    SignInWindow window(&m_secrets);
    window.setServerAddress(QStringLiteral("http://127.0.0.1:%1").arg(port));
    window.show();
    typeInto(window, "usernameField", QStringLiteral("alice"));
    typeInto(window, "passwordField", QStringLiteral("correct horse"));
    QTest::mouseClick(child<QPushButton>(window, "submitButton"), Qt::LeftButton);
    QTRY_VERIFY(!window.isBusy());
    QCOMPARE(child<QLabel>(window, "formError")->text(), QStringLiteral("Can't reach the server."));
}

void TestSignInWindow::signInEmitsSignedIn()
{
    SignInWindow window(&m_secrets);
    window.setServerAddress(m_server.httpUrl().toString());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    typeInto(window, "usernameField", QStringLiteral("alice"));
    typeInto(window, "passwordField", QStringLiteral("correct horse"));
    saveScreenshot(window, QStringLiteral("sign-in.png"));
    QSignalSpy signedIn(&window, &SignInWindow::signedIn);
    QTest::mouseClick(child<QPushButton>(window, "submitButton"), Qt::LeftButton);
    QVERIFY(signedIn.wait());
    std::unique_ptr<Session> session = window.takeSession();
    QVERIFY(session);
    QVERIFY(session->isSignedIn());
    QCOMPARE(session->user().username, QStringLiteral("alice"));
}

void TestSignInWindow::createAccount()
{
    SignInWindow window(&m_secrets);
    window.setServerAddress(m_server.httpUrl().toString());
    window.setMode(SignInWindow::Mode::CreateAccount);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    typeInto(window, "usernameField", QStringLiteral("dave"));
    typeInto(window, "displayNameField", QStringLiteral("Dave Jones"));
    typeInto(window, "passwordField", QStringLiteral("correct horse"));
    typeInto(window, "confirmField", QStringLiteral("correct horse"));
    saveScreenshot(window, QStringLiteral("sign-in-create.png"));
    QSignalSpy signedIn(&window, &SignInWindow::signedIn);
    QTest::mouseClick(child<QPushButton>(window, "submitButton"), Qt::LeftButton);
    QVERIFY(signedIn.wait());
    std::unique_ptr<Session> session = window.takeSession();
    QVERIFY(session);
    QCOMPARE(session->user().displayName, QStringLiteral("Dave Jones"));
}

void TestSignInWindow::inviteOnlyServerAsksForTheCode()
{
    // alice registered first, so she administers the server.
    const ApiReply login = m_http->post(QStringLiteral("/api/auth/login"),
        {{QStringLiteral("username"), QStringLiteral("alice")},
            {QStringLiteral("password"), QStringLiteral("correct horse")}});
    const QString token = login.json.value(QStringLiteral("accessToken")).toString();
    QCOMPARE(m_http
                 ->send("PUT", QStringLiteral("/api/admin/settings"),
                     R"({"registration":"invite"})", token)
                 .status,
        200);
    const auto reopen = qScopeGuard([&] {
        m_http->send(
            "PUT", QStringLiteral("/api/admin/settings"), R"({"registration":"open"})", token);
    });

    SignInWindow window(&m_secrets);
    window.setServerAddress(m_server.httpUrl().toString());
    window.setMode(SignInWindow::Mode::CreateAccount);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *invite = child<QLineEdit>(window, "inviteField");
    QVERIFY(invite->isVisible());
    typeInto(window, "usernameField", QStringLiteral("erin"));
    typeInto(window, "passwordField", QStringLiteral("correct horse"));
    typeInto(window, "confirmField", QStringLiteral("correct horse"));
    auto *formError = child<QLabel>(window, "formError");
    QTest::mouseClick(child<QPushButton>(window, "submitButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(formError->isVisible(), 10000);
    QVERIFY2(
        formError->text().contains(QStringLiteral("invite-only")), qPrintable(formError->text()));
    QTRY_VERIFY(invite->hasFocus());
    saveScreenshot(window, QStringLiteral("sign-in-invite-required.png"));

    const ApiReply minted = m_http->post(QStringLiteral("/api/admin/invites"), {}, token);
    QCOMPARE(minted.status, 201);
    typeInto(window, "inviteField", minted.json.value(QStringLiteral("code")).toString());
    QSignalSpy signedIn(&window, &SignInWindow::signedIn);
    QTest::mouseClick(child<QPushButton>(window, "submitButton"), Qt::LeftButton);
    QVERIFY(signedIn.wait());
    QCOMPARE(window.takeSession()->user().username, QStringLiteral("erin"));

    // Signing in shows no invite field.
    window.setMode(SignInWindow::Mode::SignIn);
    QVERIFY(!invite->isVisible());
}

QTEST_MAIN(TestSignInWindow)
#include "tst_signinwindow.moc"
