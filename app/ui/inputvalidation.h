#pragma once

#include <QString>
#include <QUrl>

namespace Confab::Ui {

// The server's rules for account fields, checked before any request is sent. Each check
// answers a sentence for the user, or an empty string when the input is acceptable.
QString usernameProblem(const QString &username);
QString passwordProblem(const QString &password);
QString confirmationProblem(const QString &password, const QString &confirmation);
QString serverAddressProblem(const QString &address);
/// The address as typed ("chat.example.org:8080") made into a URL; http when no scheme is given.
QUrl serverUrlFromInput(const QString &address);

} // namespace Confab::Ui
