#include "app/ui/inputvalidation.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Confab::Ui {

QString usernameProblem(const QString &username)
{
    if (username.isEmpty())
        return QCoreApplication::translate("Confab::Ui::InputValidation", "Enter your username.");
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9_.-]{3,32}$"));
    if (!allowed.match(username).hasMatch())
        return QCoreApplication::translate("Confab::Ui::InputValidation",
            "Use 3 to 32 letters, digits, dots, dashes or underscores.");
    return {};
}

QString passwordProblem(const QString &password)
{
    if (password.isEmpty())
        return QCoreApplication::translate("Confab::Ui::InputValidation", "Enter your password.");
    if (password.size() < 8 || password.size() > 128)
        return QCoreApplication::translate(
            "Confab::Ui::InputValidation", "Use 8 to 128 characters.");
    return {};
}

QString confirmationProblem(const QString &password, const QString &confirmation)
{
    if (password != confirmation)
        return QCoreApplication::translate(
            "Confab::Ui::InputValidation", "The passwords don't match.");
    return {};
}

QUrl serverUrlFromInput(const QString &address)
{
    QString text = address.trimmed();
    if (!text.isEmpty() && !text.contains(QStringLiteral("://")))
        text.prepend(QStringLiteral("http://"));
    return QUrl(text, QUrl::StrictMode);
}

QString serverAddressProblem(const QString &address)
{
    if (address.trimmed().isEmpty())
        return QCoreApplication::translate(
            "Confab::Ui::InputValidation", "Enter the server's address.");
    const QUrl url = serverUrlFromInput(address);
    const bool http =
        url.scheme() == QStringLiteral("http") || url.scheme() == QStringLiteral("https");
    if (!url.isValid() || !http || url.host().isEmpty())
        return QCoreApplication::translate(
            "Confab::Ui::InputValidation", "Enter an address such as https://chat.example.org.");
    return {};
}

} // namespace Confab::Ui
