#include "app/ui/statusbarnotifier.h"

#include <QStatusBar>

namespace Confab::Ui {

StatusBarNotifier::StatusBarNotifier(QStatusBar *statusBar, QObject *parent)
    : Notifier(parent)
    , m_statusBar(statusBar)
{ }

void StatusBarNotifier::notify(qint64, const QString &title, const QString &body)
{
    if (m_statusBar)
        m_statusBar->showMessage(tr("%1: %2").arg(title, body), 8000);
}

} // namespace Confab::Ui
