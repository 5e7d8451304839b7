#pragma once

#include <QObject>

namespace Confab::Ui {

/// Shows a desktop notification for a conversation. One implementation per platform
/// (D-Bus on Linux, the tray icon elsewhere) and an in-window fallback.
class Notifier : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void notify(qint64 conversationId, const QString &title, const QString &body) = 0;

Q_SIGNALS:
    /// The user clicked the notification of this conversation.
    void activated(qint64 conversationId);
    /// The notification could not be shown (e.g. no notification service answered).
    void failed(const QString &reason);
};

} // namespace Confab::Ui
