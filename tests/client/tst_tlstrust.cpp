// Trust on first use against a real TLS server: an unknown self-signed certificate is refused
// with its fingerprint, trusted once pinned (HTTPS and WSS alike, sign-in to events), refused
// again when the server comes back with another certificate, and never asked about when the
// system's authorities vouch for it.
#include "app/core/apiclient.h"
#include "app/core/certificatepinstore.h"
#include "app/core/memorysecretstore.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"
#include "app/core/tlstrust.h"
#include "server/core/tls/selfsignedcertificate.h"
#include "server/core/tls/tlscredentials.h"
#include "tests/client/clienttesthelpers.h"
#include "tests/support/testserver.h"

#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

using namespace Confab;
using namespace Confab::Client;
using namespace Confab::Testing;

namespace {

RegisterRequest registration(const QString &username)
{
    RegisterRequest request;
    request.username = username;
    request.password = QStringLiteral("correct horse");
    return request;
}

CreateConversationRequest directWith(qint64 userId)
{
    CreateConversationRequest request;
    request.participantIds = {userId};
    return request;
}

SendMessageRequest text(const QString &content)
{
    SendMessageRequest request;
    request.content = content;
    return request;
}

} // namespace

class TestTlsTrust : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pinsAreKeptPerServerAndPersist_data();
    void pinsAreKeptPerServerAndPersist();
    void unknownCertificateIsRefusedWithItsFingerprint();
    void pinnedCertificateCarriesSignInAndEvents();
    void changedCertificateIsRefusedUntilTrusted();
    void certificateTheSystemTrustsNeedsNoPin();
    void announcedFingerprintMustMatch();
    void cleanupTestCase();

private:
    bool startServerWith(const Server::SelfSignedCertificate &certificate);
    QString fingerprintOf(const Server::SelfSignedCertificate &certificate);

    QTemporaryDir m_directory;
    std::optional<Server::SelfSignedCertificate> m_first;
    std::optional<Server::SelfSignedCertificate> m_second;
    TestServer m_server;
    QString m_pinFile;
    std::unique_ptr<CertificatePinStore> m_pins;
    std::unique_ptr<TlsTrust> m_trust;
    MemorySecretStore m_secrets;
    std::unique_ptr<Session> m_alice;
    std::unique_ptr<Session> m_bob;
    std::unique_ptr<RealtimeClient> m_realtime;
    qint64 m_conversation = 0;
};

bool TestTlsTrust::startServerWith(const Server::SelfSignedCertificate &certificate)
{
    Server::TlsSettings tls;
    tls.certificateFile = certificate.certificateFile();
    tls.keyFile = certificate.keyFile();
    m_server.setTlsSettings(tls);
    QString error;
    if (!m_server.start(&error)) {
        qWarning() << error;
        return false;
    }
    return true;
}

QString TestTlsTrust::fingerprintOf(const Server::SelfSignedCertificate &certificate)
{
    Result<Server::TlsCredentials> credentials =
        Server::TlsCredentials::load(certificate.certificateFile(), certificate.keyFile());
    return credentials ? credentials->fingerprint() : QString();
}

void TestTlsTrust::initTestCase()
{
    QVERIFY(m_directory.isValid());
    Result<Server::SelfSignedCertificate> first =
        Server::SelfSignedCertificate::ensure(m_directory.filePath(QStringLiteral("first")));
    Result<Server::SelfSignedCertificate> second =
        Server::SelfSignedCertificate::ensure(m_directory.filePath(QStringLiteral("second")));
    QVERIFY(first && second);
    m_first = *first;
    m_second = *second;
    QVERIFY(startServerWith(*m_first));
    QCOMPARE(m_server.httpUrl().scheme(), QStringLiteral("https"));

    m_pinFile = m_directory.filePath(QStringLiteral("profile.ini"));
    m_pins = std::make_unique<CertificatePinStore>(m_pinFile);
    m_trust = std::make_unique<TlsTrust>(m_pins.get());
    m_alice = std::make_unique<Session>(m_server.httpUrl(), &m_secrets);
    m_alice->setTlsTrust(m_trust.get());
    m_bob = std::make_unique<Session>(m_server.httpUrl(), &m_secrets);
    m_bob->setTlsTrust(m_trust.get());
}

void TestTlsTrust::pinsAreKeptPerServerAndPersist_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("sameServer");
    QTest::addColumn<QString>("key");
    QTest::newRow("default https port") << QStringLiteral("https://Chat.Example.org")
                                        << QStringLiteral("https://chat.example.org:443/api")
                                        << QStringLiteral("chat.example.org:443");
    QTest::newRow("own port") << QStringLiteral("https://10.0.0.5:8443")
                              << QStringLiteral("wss://10.0.0.5:8443/ws")
                              << QStringLiteral("10.0.0.5:8443");
    QTest::newRow("ipv6") << QStringLiteral("https://[::1]:8443")
                          << QStringLiteral("https://[::1]:8443/") << QStringLiteral("[::1]:8443");
}

void TestTlsTrust::pinsAreKeptPerServerAndPersist()
{
    QFETCH(QString, url);
    QFETCH(QString, sameServer);
    QFETCH(QString, key);
    const QString file = m_directory.filePath(
        QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'))
        + QStringLiteral(".ini"));
    const QString fingerprint = QStringLiteral("AB:CD:EF");
    QCOMPARE(CertificatePinStore::serverKey(QUrl(url)), key);
    {
        CertificatePinStore pins(file);
        QSignalSpy changed(&pins, &CertificatePinStore::pinsChanged);
        pins.pin(QUrl(url), QStringLiteral("ab:cd:ef"));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(pins.pinnedFingerprint(QUrl(sameServer)), fingerprint);
        // Another port is another server.
        QUrl otherPort(url);
        otherPort.setPort(9999);
        QVERIFY(pins.pinnedFingerprint(otherPort).isEmpty());
    }
    {
        CertificatePinStore reopened(file);
        QCOMPARE(reopened.pinnedFingerprint(QUrl(url)), fingerprint);
        reopened.forget(QUrl(sameServer));
    }
    QVERIFY(CertificatePinStore(file).pinnedFingerprint(QUrl(url)).isEmpty());
}

void TestTlsTrust::unknownCertificateIsRefusedWithItsFingerprint()
{
    const QString fingerprint = m_server.server().certificateFingerprint();
    QSignalSpy refused(m_trust.get(), &TlsTrust::refused);
    Result<User> user = await(m_alice->signUp(registration(QStringLiteral("alice"))));
    QVERIFY(!user);
    QCOMPARE(user.error().code, QStringLiteral("certificate_untrusted"));
    QVERIFY2(user.error().message.contains(fingerprint), qPrintable(user.error().message));
    QVERIFY(TlsTrust::isCertificateError(user.error()));
    QCOMPARE(refused.count(), 1);

    const std::optional<TlsTrust::Refusal> refusal = m_trust->lastRefusal(m_server.httpUrl());
    QVERIFY(refusal);
    QCOMPARE(refusal->kind, TlsTrust::Refusal::Kind::Untrusted);
    QCOMPARE(refusal->fingerprint, fingerprint);
    QVERIFY(refusal->pinnedFingerprint.isEmpty());
    QVERIFY(m_pins->pinnedFingerprint(m_server.httpUrl()).isEmpty());
    QVERIFY(!m_alice->isSignedIn());

    // Requests made together are all refused for the same reason, none as "unreachable".
    auto first = m_alice->api().user(1);
    auto second = m_alice->api().user(2);
    Result<User> firstResult = await(std::move(first));
    Result<User> secondResult = await(std::move(second));
    QVERIFY(!firstResult && !secondResult);
    QCOMPARE(firstResult.error().code, QStringLiteral("certificate_untrusted"));
    QCOMPARE(secondResult.error().code, QStringLiteral("certificate_untrusted"));
}

void TestTlsTrust::pinnedCertificateCarriesSignInAndEvents()
{
    const std::optional<TlsTrust::Refusal> refusal = m_trust->lastRefusal(m_server.httpUrl());
    QVERIFY(refusal);
    m_trust->pin(m_server.httpUrl(), refusal->fingerprint);
    QVERIFY(!m_trust->lastRefusal(m_server.httpUrl()));
    // Kept in the profile's file for the next run.
    QCOMPARE(
        CertificatePinStore(m_pinFile).pinnedFingerprint(m_server.httpUrl()), refusal->fingerprint);

    Result<User> alice = await(m_alice->signUp(registration(QStringLiteral("alice"))));
    QVERIFY2(alice, qPrintable(alice ? QString() : alice.error().message));
    Result<User> bob = await(m_bob->signUp(registration(QStringLiteral("bob"))));
    QVERIFY2(bob, qPrintable(bob ? QString() : bob.error().message));

    m_realtime = std::make_unique<RealtimeClient>(m_alice.get());
    m_realtime->setBackoff(std::chrono::milliseconds(100), std::chrono::milliseconds(400));
    QSignalSpy ready(m_realtime.get(), &RealtimeClient::ready);
    QSignalSpy refusedOnSocket(m_realtime.get(), &RealtimeClient::certificateRefused);
    m_realtime->start();
    QVERIFY(ready.wait(10000));
    QCOMPARE(ready.first().first().value<User>().id, alice->id);
    QCOMPARE(refusedOnSocket.count(), 0);

    Result<Conversation> conversation =
        await(m_bob->api().createConversation(directWith(alice->id)));
    QVERIFY(conversation);
    m_conversation = conversation->id;
    QSignalSpy messages(m_realtime.get(), &RealtimeClient::messageCreated);
    Result<Message> sent =
        await(m_bob->api().sendMessage(m_conversation, text(QStringLiteral("over TLS"))));
    QVERIFY(sent);
    QTRY_COMPARE_WITH_TIMEOUT(messages.count(), 1, 10000);
    QCOMPARE(messages.first().first().value<Message>().content, QStringLiteral("over TLS"));
    QCOMPARE(messages.first().first().value<Message>().senderId, bob->id);
}

void TestTlsTrust::changedCertificateIsRefusedUntilTrusted()
{
    QCOMPARE(m_realtime->state(), RealtimeClient::State::Connected);
    const QString before = fingerprintOf(*m_first);
    const QString after = fingerprintOf(*m_second);
    QVERIFY(!before.isEmpty() && !after.isEmpty() && before != after);

    // The same port, the same data, another certificate.
    QSignalSpy refusedOnSocket(m_realtime.get(), &RealtimeClient::certificateRefused);
    QSignalSpy ready(m_realtime.get(), &RealtimeClient::ready);
    QVERIFY(startServerWith(*m_second));
    QCOMPARE(m_server.server().certificateFingerprint(), after);
    QTRY_VERIFY_WITH_TIMEOUT(refusedOnSocket.count() >= 1, 10000);
    // From the next refusal on, retries wait 15 s or more: only the pin can bring the
    // connection back within the 10 s allowed below.
    m_realtime->setBackoff(std::chrono::seconds(30), std::chrono::seconds(60));
    const int refusalsSoFar = int(refusedOnSocket.count());
    QTRY_VERIFY_WITH_TIMEOUT(refusedOnSocket.count() > refusalsSoFar, 10000);
    QCOMPARE(
        refusedOnSocket.first().first().value<Error>().code, QStringLiteral("certificate_changed"));
    QCOMPARE(ready.count(), 0);
    QVERIFY(m_realtime->state() != RealtimeClient::State::Connected);

    Result<User> me = await(m_alice->api().me());
    QVERIFY(!me);
    QCOMPARE(me.error().code, QStringLiteral("certificate_changed"));
    QVERIFY2(me.error().message.contains(before) && me.error().message.contains(after),
        qPrintable(me.error().message));
    const std::optional<TlsTrust::Refusal> refusal = m_trust->lastRefusal(m_server.httpUrl());
    QVERIFY(refusal);
    QCOMPARE(refusal->kind, TlsTrust::Refusal::Kind::Changed);
    QCOMPARE(refusal->pinnedFingerprint, before);
    QCOMPARE(refusal->fingerprint, after);
    // Nothing was trusted behind the user's back.
    QCOMPARE(m_pins->pinnedFingerprint(m_server.httpUrl()), before);
    QVERIFY(m_alice->isSignedIn());

    // The user compares and decides to trust the new certificate: both channels recover.
    m_trust->pin(m_server.httpUrl(), after);
    QTRY_COMPARE_WITH_TIMEOUT(m_realtime->state(), RealtimeClient::State::Connected, 10000);
    Result<User> again = await(m_alice->api().me());
    QVERIFY2(again, qPrintable(again ? QString() : again.error().message));
    QCOMPARE(again->username, QStringLiteral("alice"));
}

void TestTlsTrust::certificateTheSystemTrustsNeedsNoPin()
{
    // Stand-in for a certificate from a public authority: the test adds the server's own
    // certificate to the authorities Qt trusts by default.
    const QSslConfiguration original = QSslConfiguration::defaultConfiguration();
    QSslConfiguration withAuthority = original;
    const QList<QSslCertificate> served =
        QSslCertificate::fromPath(m_second->certificateFile(), QSsl::Pem);
    QCOMPARE(served.size(), 1);
    withAuthority.addCaCertificate(served.first());
    QSslConfiguration::setDefaultConfiguration(withAuthority);

    TlsTrust freshTrust; // nothing pinned
    QSignalSpy refused(&freshTrust, &TlsTrust::refused);
    Session carol(m_server.httpUrl(), &m_secrets);
    carol.setTlsTrust(&freshTrust);
    Result<User> user = await(carol.signUp(registration(QStringLiteral("carol"))));
    QSslConfiguration::setDefaultConfiguration(original);
    QVERIFY2(user, qPrintable(user ? QString() : user.error().message));
    QCOMPARE(refused.count(), 0);
    QVERIFY(freshTrust.pins().pinnedFingerprint(m_server.httpUrl()).isEmpty());
}

void TestTlsTrust::announcedFingerprintMustMatch()
{
    const QString served = m_server.server().certificateFingerprint();
    const QString other =
        fingerprintOf(*m_first) == served ? fingerprintOf(*m_second) : fingerprintOf(*m_first);
    QVERIFY(!served.isEmpty() && !other.isEmpty() && served != other);
    const QUrl url = m_server.httpUrl();

    // Announced on the network as another certificate: refused, and not offered to trust.
    TlsTrust trust;
    trust.expectAnnounced(url, other);
    QCOMPARE(trust.announcedFingerprint(url), other);
    Session session(url, &m_secrets);
    session.setTlsTrust(&trust);
    Result<User> refused = await(session.api().user(1));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("certificate_mismatch"));
    QVERIFY(refused.error().message.contains(served));
    QVERIFY(refused.error().message.contains(other));
    QVERIFY(TlsTrust::isCertificateError(refused.error()));
    QVERIFY(!trust.lastRefusal(url));

    // Not even a pin overrides the mismatch: someone else may be answering for the server.
    trust.pin(url, served);
    refused = await(session.api().user(1));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("certificate_mismatch"));

    // Announced as the served one (in any spelling): the pin carries the request.
    trust.expectAnnounced(url, served.toLower());
    Result<User> user = await(session.api().user(1));
    QVERIFY(user || user.error().code != QStringLiteral("certificate_mismatch"));
    QVERIFY(user || !TlsTrust::isCertificateError(user.error()));

    // Matching the announcement is no trust by itself: without a pin the user still decides.
    TlsTrust fresh;
    fresh.expectAnnounced(url, served);
    Session another(url, &m_secrets);
    another.setTlsTrust(&fresh);
    Result<User> untrusted = await(another.api().user(1));
    QVERIFY(!untrusted);
    QCOMPARE(untrusted.error().code, QStringLiteral("certificate_untrusted"));
    QVERIFY(fresh.lastRefusal(url));
}

void TestTlsTrust::cleanupTestCase()
{
    m_realtime.reset();
    m_alice.reset();
    m_bob.reset();
}

QTEST_GUILESS_MAIN(TestTlsTrust)
#include "tst_tlstrust.moc"
