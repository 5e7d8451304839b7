#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace Confab::Ui {

/// "online", "last seen today at 14:03", "last seen 12 Nov", or "offline" when never seen.
class PresenceText
{
    Q_DECLARE_TR_FUNCTIONS(PresenceText)
public:
    static QString describe(bool online, const QDateTime &lastSeenAt);
};

} // namespace Confab::Ui
