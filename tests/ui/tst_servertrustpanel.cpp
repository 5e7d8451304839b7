// The sign-in window against a real TLS server with a self-signed certificate: the trust
// panel shows the fingerprint and signs in once trusted, Cancel leaves nothing trusted, and a
// changed certificate gets the red warning with both fingerprints (light and dark palettes).
#include "app/core/certificatepinstore.h"
#include "app/core/memorysecretstore.h"
#include "app/core/session.h"
#include "app/core/tlstrust.h"
#include "app/ui/discoveredserverpicker.h"
#include "app/ui/servertrustpanel.h"
#include "app/ui/signinwindow.h"
#include "server/core/tls/selfsignedcertificate.h"
#include "server/core/tls/tlscredentials.h"
#include "tests/client/clienttesthelpers.h"
#include "tests/support/testserver.h"
#include "tests/ui/widgettesthelpers.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Confab;
using namespace Confab::Client;
using namespace Confab::Testing;
using Confab::Ui::ServerTrustPanel;
using Confab::Ui::SignInWindow;

namespace {

void typeInto(QWidget &window, const char *name, const QString &text)
{
    auto *field = child<QLineEdit>(window, name);
    field->clear();
    QTest::keyClicks(field, text);
}

QString shownFingerprint(QWidget &window, const char *name)
{
    return child<QLabel>(window, name)->text().remove(QLatin1Char('\n'));
}

} // namespace

class TestServerTrustPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void unknownCertificateIsShownAndTrustSignsIn();
    void cancelTrustsNothing();
    void changedCertificateIsARedWarning_data();
    void changedCertificateIsARedWarning();
    void certificateUnlikeTheAnnouncedOneIsRefused();

private:
    void fillIn(SignInWindow &window);

    QTemporaryDir m_directory;
    TestServer m_server;
    QString m_fingerprint;
    QString m_otherFingerprint;
    MemorySecretStore m_secrets;
};

void TestServerTrustPanel::initTestCase()
{
    QVERIFY(m_directory.isValid());
    Result<Server::SelfSignedCertificate> served =
        Server::SelfSignedCertificate::ensure(m_directory.filePath(QStringLiteral("served")));
    Result<Server::SelfSignedCertificate> other =
        Server::SelfSignedCertificate::ensure(m_directory.filePath(QStringLiteral("other")));
    QVERIFY(served && other);
    Server::TlsSettings tls;
    tls.certificateFile = served->certificateFile();
    tls.keyFile = served->keyFile();
    m_server.setTlsSettings(tls);
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_fingerprint = m_server.server().certificateFingerprint();
    Result<Server::TlsCredentials> otherCredentials =
        Server::TlsCredentials::load(other->certificateFile(), other->keyFile());
    QVERIFY(otherCredentials);
    m_otherFingerprint = otherCredentials->fingerprint();

    // alice's account, made by a client that already trusts the server.
    TlsTrust trust;
    trust.pin(m_server.httpUrl(), m_fingerprint);
    Session session(m_server.httpUrl(), &m_secrets);
    session.setTlsTrust(&trust);
    RegisterRequest request;
    request.username = QStringLiteral("alice");
    request.password = QStringLiteral("correct horse");
    QVERIFY(await(session.signUp(request)));
}

void TestServerTrustPanel::fillIn(SignInWindow &window)
{
    window.setServerAddress(m_server.httpUrl().toString());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    typeInto(window, "usernameField", QStringLiteral("alice"));
    typeInto(window, "passwordField", QStringLiteral("correct horse"));
}

void TestServerTrustPanel::unknownCertificateIsShownAndTrustSignsIn()
{
    CertificatePinStore pins(m_directory.filePath(QStringLiteral("profile.ini")));
    TlsTrust trust(&pins);
    SignInWindow window(&m_secrets);
    window.setTlsTrust(&trust);
    fillIn(window);
    QSignalSpy signedIn(&window, &SignInWindow::signedIn);
    QTest::mouseClick(child<QPushButton>(window, "submitButton"), Qt::LeftButton);

    auto *panel = child<ServerTrustPanel>(window, "serverTrustPanel");
    QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), 10000);
    QVERIFY(!window.isBusy());
    QVERIFY(!panel->isWarning());
    QCOMPARE(child<QLabel>(window, "trustTitle")->text(), QStringLiteral("Trust this server?"));
    QCOMPARE(shownFingerprint(window, "currentFingerprint"), m_fingerprint);
    QVERIFY(!child<QLabel>(window, "previousFingerprint")->isVisible());
    QVERIFY(!child<QLabel>(window, "formError")->isVisible());
    QCOMPARE(signedIn.count(), 0);
    QVERIFY(pins.pinnedFingerprint(m_server.httpUrl()).isEmpty());
    saveScreenshot(window, QStringLiteral("sign-in-trust-server.png"));

    QTest::mouseClick(child<QPushButton>(window, "trustButton"), Qt::LeftButton);
    QVERIFY(signedIn.wait(10000));
    QVERIFY(!panel->isVisible());
    QCOMPARE(pins.pinnedFingerprint(m_server.httpUrl()), m_fingerprint);
    std::unique_ptr<Session> session = window.takeSession();
    QVERIFY(session && session->isSignedIn());
}

void TestServerTrustPanel::cancelTrustsNothing()
{
    TlsTrust trust;
    SignInWindow window(&m_secrets);
    window.setTlsTrust(&trust);
    fillIn(window);
    QTest::keyClick(child<QLineEdit>(window, "passwordField"), Qt::Key_Return);
    auto *panel = child<ServerTrustPanel>(window, "serverTrustPanel");
    QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), 10000);
    QTest::mouseClick(child<QPushButton>(window, "cancelTrustButton"), Qt::LeftButton);
    QVERIFY(!panel->isVisible());
    auto *error = child<QLabel>(window, "formError");
    QVERIFY(error->isVisible());
    QCOMPARE(
        error->text(), QStringLiteral("Not connected: the server's certificate is not trusted."));
    QVERIFY(trust.pins().pinnedFingerprint(m_server.httpUrl()).isEmpty());
    QVERIFY(!window.takeSession());
}

void TestServerTrustPanel::changedCertificateIsARedWarning_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestServerTrustPanel::changedCertificateIsARedWarning()
{
    QFETCH(bool, dark);
    const QPalette original = QApplication::palette();
    if (dark)
        QApplication::setPalette(darkPalette());
    // The profile trusted another certificate for this server before.
    TlsTrust trust;
    trust.pin(m_server.httpUrl(), m_otherFingerprint);
    SignInWindow window(&m_secrets);
    window.setTlsTrust(&trust);
    fillIn(window);
    QSignalSpy signedIn(&window, &SignInWindow::signedIn);
    QTest::mouseClick(child<QPushButton>(window, "submitButton"), Qt::LeftButton);

    auto *panel = child<ServerTrustPanel>(window, "serverTrustPanel");
    QTRY_VERIFY_WITH_TIMEOUT(panel->isVisible(), 10000);
    QVERIFY(panel->isWarning());
    QVERIFY(child<QLabel>(window, "trustTitle")->text().startsWith(QStringLiteral("Warning")));
    QCOMPARE(shownFingerprint(window, "previousFingerprint"), m_otherFingerprint);
    QCOMPARE(shownFingerprint(window, "currentFingerprint"), m_fingerprint);
    QVERIFY(child<QLabel>(window, "previousFingerprint")->isVisible());
    // Red: the panel's background leans to red, and its text contrasts with it.
    const QColor background = panel->palette().color(QPalette::Window);
    const QColor text = panel->palette().color(QPalette::WindowText);
    QVERIFY(background.red() > background.green() && background.red() > background.blue());
    QVERIFY(qAbs(background.lightness() - text.lightness()) > 100);
    // Cancel, the safe choice, has the focus.
    QTRY_VERIFY(child<QPushButton>(window, "cancelTrustButton")->hasFocus());
    saveScreenshot(window,
        dark ? QStringLiteral("sign-in-certificate-changed-dark.png")
             : QStringLiteral("sign-in-certificate-changed.png"));

    QTest::mouseClick(child<QPushButton>(window, "trustButton"), Qt::LeftButton);
    const bool signedInAfterTrust = signedIn.wait(10000);
    QApplication::setPalette(original);
    QVERIFY(signedInAfterTrust);
    QCOMPARE(trust.pins().pinnedFingerprint(m_server.httpUrl()), m_fingerprint);
}

void TestServerTrustPanel::certificateUnlikeTheAnnouncedOneIsRefused()
{
    // The server was picked from the network's list, which announced another certificate
    // (the picker reports what the DNS-SD TXT `fp` said): the connection is refused with a
    // clear message and nothing is offered to trust, even though the user pinned it earlier.
    TlsTrust trust;
    trust.pin(m_server.httpUrl(), m_fingerprint);
    SignInWindow window(&m_secrets);
    window.setTlsTrust(&trust);
    auto *picker = child<Ui::DiscoveredServerPicker>(window, "discoveredServerPicker");
    Q_EMIT picker->fingerprintAnnounced(m_server.httpUrl(), m_otherFingerprint);
    fillIn(window);
    QSignalSpy signedIn(&window, &SignInWindow::signedIn);
    QTest::mouseClick(child<QPushButton>(window, "submitButton"), Qt::LeftButton);

    auto *error = child<QLabel>(window, "formError");
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 10000);
    QVERIFY2(error->text().contains(QStringLiteral("not the one announced on the local network")),
        qPrintable(error->text()));
    QVERIFY(!child<ServerTrustPanel>(window, "serverTrustPanel")->isVisible());
    QCOMPARE(signedIn.count(), 0);
    saveScreenshot(window, QStringLiteral("sign-in-announced-mismatch.png"));

    // Announced as the certificate it serves: the pin carries the sign-in.
    Q_EMIT picker->fingerprintAnnounced(m_server.httpUrl(), m_fingerprint);
    QTest::mouseClick(child<QPushButton>(window, "submitButton"), Qt::LeftButton);
    QVERIFY(signedIn.wait(10000));
}

QTEST_MAIN(TestServerTrustPanel)
#include "tst_servertrustpanel.moc"
