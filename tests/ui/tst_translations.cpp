// The translations built into the client: with a German locale the sign-in window speaks
// German, with an English one English; plural forms follow the number. Saves a screenshot
// of the German sign-in window.
#include "app/core/memorysecretstore.h"
#include "app/ui/signinwindow.h"
#include "app/ui/translationloader.h"

#include <QApplication>
#include <QDir>
#include <QLocale>
#include <QPushButton>
#include <QTest>

using namespace Confab;
using Confab::Ui::SignInWindow;
using Confab::Ui::TranslationLoader;

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signInWindow_data();
    void signInWindow();
    void pluralForms();
    void unknownLanguageFallsBackToEnglish();
};

void TestTranslations::signInWindow_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("submit");
    QTest::addColumn<QString>("createMode");

    QTest::newRow("de_DE") << QStringLiteral("de_DE") << QStringLiteral("Confab — Anmelden")
                           << QStringLiteral("Anmelden") << QStringLiteral("Konto erstellen");
    QTest::newRow("de_AT") << QStringLiteral("de_AT") << QStringLiteral("Confab — Anmelden")
                           << QStringLiteral("Anmelden") << QStringLiteral("Konto erstellen");
    QTest::newRow("en_US") << QStringLiteral("en_US") << QStringLiteral("Confab — Sign in")
                           << QStringLiteral("Sign in") << QStringLiteral("Create account");
}

void TestTranslations::signInWindow()
{
    QFETCH(QString, locale);
    QFETCH(QString, title);
    QFETCH(QString, submit);
    QFETCH(QString, createMode);

    TranslationLoader translations;
    QVERIFY(translations.load(QLocale(locale)));
    Client::MemorySecretStore secrets;
    SignInWindow window(&secrets);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), title);
    auto *submitButton = window.findChild<QPushButton *>(QStringLiteral("submitButton"));
    QVERIFY(submitButton);
    QCOMPARE(submitButton->text(), submit);
    auto *create = window.findChild<QAbstractButton *>(QStringLiteral("createModeButton"));
    QVERIFY(create);
    QCOMPARE(create->text(), createMode);

    if (locale == QStringLiteral("de_DE")) {
        // The create-account form shows the most text.
        create->click();
        window.showError(QCoreApplication::translate(
            "Confab::Ui::InputValidation", "The passwords don't match."));
        QTest::qWait(100);
        const QString dir = QDir::currentPath() + QStringLiteral("/screenshots/");
        QDir().mkpath(dir);
        QVERIFY(window.grab().save(dir + QStringLiteral("signin-window-de.png")));
    }
}

void TestTranslations::pluralForms()
{
    TranslationLoader translations;
    QVERIFY(translations.load(QLocale(QStringLiteral("de_DE"))));
    const auto unread = [](int n) {
        return QCoreApplication::translate(
            "Confab::Ui::NotificationCenter", "Confab: %n unread message(s)", nullptr, n);
    };
    QCOMPARE(unread(1), QStringLiteral("Confab: 1 ungelesene Nachricht"));
    QCOMPARE(unread(3), QStringLiteral("Confab: 3 ungelesene Nachrichten"));
    QVERIFY(translations.load(QLocale(QStringLiteral("en_GB"))));
    QCOMPARE(unread(1), QStringLiteral("Confab: 1 unread message"));
    QCOMPARE(unread(2), QStringLiteral("Confab: 2 unread messages"));
}

void TestTranslations::unknownLanguageFallsBackToEnglish()
{
    TranslationLoader translations;
    QVERIFY(!translations.load(QLocale(QStringLiteral("fi_FI"))));
    Client::MemorySecretStore secrets;
    SignInWindow window(&secrets);
    QCOMPARE(window.windowTitle(), QStringLiteral("Confab — Sign in"));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
