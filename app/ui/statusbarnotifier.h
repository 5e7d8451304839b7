#pragma once

#include "app/ui/notifier.h"

#include <QPointer>

class QStatusBar;

namespace Confab::Ui {

/// The fallback when the desktop shows no notifications: a line in the window's status
/// bar, so that a message is not missed while the window is open.
class StatusBarNotifier : public Notifier
{
    Q_OBJECT
public:
    explicit StatusBarNotifier(QStatusBar *statusBar, QObject *parent = nullptr);

    void notify(qint64 conversationId, const QString &title, const QString &body) override;

private:
    QPointer<QStatusBar> m_statusBar;
};

} // namespace Confab::Ui
