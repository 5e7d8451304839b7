#include "app/ui/presencetext.h"

#include <QLocale>

namespace Confab::Ui {

QString PresenceText::describe(bool online, const QDateTime &lastSeenAt)
{
    if (online)
        return tr("online");
    if (!lastSeenAt.isValid())
        return tr("offline");
    const QDateTime local = lastSeenAt.toLocalTime();
    const QLocale locale;
    if (local.date() == QDate::currentDate())
        return tr("last seen today at %1").arg(locale.toString(local.time(), QLocale::ShortFormat));
    return tr("last seen %1").arg(locale.toString(local.date(), QLocale::ShortFormat));
}

} // namespace Confab::Ui
