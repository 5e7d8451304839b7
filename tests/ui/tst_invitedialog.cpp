// The host's invite dialog against a real server (its first user is the administrator): the
// address and fingerprint to hand out, the registration switch, and invite codes that work.
#include "app/core/apiclient.h"
#include "app/core/memorysecretstore.h"
#include "app/core/session.h"
#include "app/ui/invitedialog.h"
#include "tests/client/clienttesthelpers.h"
#include "tests/support/testserver.h"
#include "tests/ui/widgettesthelpers.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPushButton>
#include <QRadioButton>
#include <QTest>

using namespace Confab;
using namespace Confab::Testing;

namespace {

Host::HostInfo hostInfo(quint16 port)
{
    Host::HostInfo info;
    info.port = port;
    info.tls = true;
    info.fingerprint = QStringLiteral(
        "3A:5F:0C:91:D2:7B:44:E8:19:A6:FE:02:6C:B3:58:7D:90:1E:C4:2B:AF:63:08:D5:E7:41:9C:2F:"
        "B8:60:13:74");
    info.lanAddresses = {
        QHostAddress(QStringLiteral("192.168.1.20")), QHostAddress(QStringLiteral("10.0.0.7"))};
    info.localUrl = QStringLiteral("https://127.0.0.1:%1").arg(port);
    info.announcedName = QStringLiteral("Alice's Confab");
    return info;
}

/// On the indicator: a radio button only takes clicks on its indicator and text.
void clickRadio(QRadioButton *button)
{
    QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(8, button->height() / 2));
}

int registerStatus(ApiClient &http, const QString &username, const QString &inviteCode)
{
    QJsonObject body {{QStringLiteral("username"), username},
        {QStringLiteral("password"), QStringLiteral("correct horse")}};
    if (!inviteCode.isEmpty())
        body.insert(QStringLiteral("inviteCode"), inviteCode);
    return http.post(QStringLiteral("/api/auth/register"), body).status;
}

} // namespace

class TestInviteDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsWhatToHandOut();
    void switchesRegistrationAndMakesCodes();
    void refusedForNonAdministrators();
    void darkPaletteIsReadable();

private:
    TestServer m_server;
    Client::MemorySecretStore m_secrets;
    std::unique_ptr<Client::Session> m_admin;
};

void TestInviteDialog::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    ApiClient http(m_server.httpUrl());
    QVERIFY(registerUser(http, QStringLiteral("host")).id); // the first: the administrator
    m_admin = std::make_unique<Client::Session>(m_server.httpUrl(), &m_secrets);
    QVERIFY(await(m_admin->signIn(QStringLiteral("host"), QStringLiteral("correct horse"))));
}

void TestInviteDialog::showsWhatToHandOut()
{
    Ui::InviteDialog dialog(&m_admin->api(), hostInfo(8080));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(child<QLineEdit>(dialog, "addressField")->text(),
        QStringLiteral("https://192.168.1.20:8080"));
    QVERIFY(child<QLabel>(dialog, "announcedName")
                ->text()
                .contains(QStringLiteral("“Alice's Confab”")));
    QVERIFY(child<QLabel>(dialog, "otherAddresses")
                ->text()
                .contains(QStringLiteral("https://10.0.0.7:8080")));
    QCOMPARE(child<QLabel>(dialog, "fingerprintLabel")->text().remove(QLatin1Char('\n')),
        hostInfo(8080).fingerprint);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isLoaded(), 10000);
    QVERIFY(child<QRadioButton>(dialog, "openRegistration")->isChecked());

    QTest::mouseClick(child<QPushButton>(dialog, "copyAddressButton"), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("https://192.168.1.20:8080"));
}

void TestInviteDialog::switchesRegistrationAndMakesCodes()
{
    Ui::InviteDialog dialog(&m_admin->api(), hostInfo(8080));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isLoaded(), 10000);
    auto *inviteOnly = child<QRadioButton>(dialog, "inviteOnlyRegistration");
    clickRadio(inviteOnly);
    QVERIFY(inviteOnly->isChecked());

    // The server agrees, and registering without a code is refused now.
    ApiClient http(m_server.httpUrl());
    QTRY_VERIFY_WITH_TIMEOUT(inviteOnly->isEnabled(), 10000); // the server answered
    QCOMPARE(registerStatus(http, QStringLiteral("uninvited"), QString()), 403);

    QTest::mouseClick(child<QPushButton>(dialog, "createInviteButton"), Qt::LeftButton);
    auto *code = child<QLineEdit>(dialog, "inviteCodeField");
    QTRY_VERIFY_WITH_TIMEOUT(code->isVisible() && !code->text().isEmpty(), 10000);
    QCOMPARE(code->text().size(), 22);
    QVERIFY(child<QPushButton>(dialog, "copyCodeButton")->isVisible());
    QTest::mouseClick(child<QPushButton>(dialog, "copyCodeButton"), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), code->text());
    QVERIFY(!child<QLabel>(dialog, "inviteError")->isVisible());
    saveScreenshot(dialog, QStringLiteral("invite-dialog.png"));

    // The code works, once.
    QCOMPARE(registerStatus(http, QStringLiteral("invited"), code->text()), 201);
    QCOMPARE(registerStatus(http, QStringLiteral("invited2"), code->text()), 403);

    // And back to open.
    clickRadio(child<QRadioButton>(dialog, "openRegistration"));
    QVERIFY(child<QRadioButton>(dialog, "openRegistration")->isChecked());
    QTRY_VERIFY_WITH_TIMEOUT(inviteOnly->isEnabled(), 10000); // the server answered
    QCOMPARE(registerStatus(http, QStringLiteral("walkin"), QString()), 201);
}

void TestInviteDialog::refusedForNonAdministrators()
{
    ApiClient http(m_server.httpUrl());
    QVERIFY(registerUser(http, QStringLiteral("guest")).id);
    Client::MemorySecretStore secrets;
    Client::Session guest(m_server.httpUrl(), &secrets);
    QVERIFY(await(guest.signIn(QStringLiteral("guest"), QStringLiteral("correct horse"))));
    Ui::InviteDialog dialog(&guest.api(), hostInfo(8080));
    dialog.show();
    auto *error = child<QLabel>(dialog, "modeError");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 10000);
    QVERIFY(!error->text().isEmpty());
    QVERIFY(!dialog.isLoaded());
    QVERIFY(!child<QRadioButton>(dialog, "inviteOnlyRegistration")->isEnabled());
    QTest::mouseClick(child<QPushButton>(dialog, "createInviteButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(dialog, "inviteError")->isVisible(), 10000);
    QVERIFY(!child<QLineEdit>(dialog, "inviteCodeField")->isVisible());
}

void TestInviteDialog::darkPaletteIsReadable()
{
    const QPalette original = QApplication::palette();
    QApplication::setPalette(darkPalette());
    {
        Ui::InviteDialog dialog(&m_admin->api(), hostInfo(8080));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isLoaded(), 10000);
        QTest::mouseClick(child<QPushButton>(dialog, "createInviteButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(child<QLineEdit>(dialog, "inviteCodeField")->isVisible(), 10000);
        saveScreenshot(dialog, QStringLiteral("invite-dialog-dark.png"));
    }
    QApplication::setPalette(original);
}

QTEST_MAIN(TestInviteDialog)
#include "tst_invitedialog.moc"
