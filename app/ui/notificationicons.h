#pragma once

#include <QIcon>

class QPainter;
class QRectF;

namespace Confab::Ui {

/// The icons notifications need, drawn rather than loaded so that they exist on every
/// desktop and follow the palette: the tray icon with its unread count, and the crossed
/// bell of a muted conversation.
class NotificationIcons
{
public:
    /// The application's tray icon; with `unread` > 0 a red badge carries the count.
    static QIcon trayIcon(int unread);
    /// A bell struck through, in `color`, fitted into `rect`.
    static void paintMutedBell(QPainter *painter, const QRectF &rect, const QColor &color);
};

} // namespace Confab::Ui
