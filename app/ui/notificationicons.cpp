#include "app/ui/notificationicons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace Confab::Ui {

QIcon NotificationIcons::trayIcon(int unread)
{
    constexpr int size = 64;
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);

    // A speech bubble: the application's mark.
    QPainterPath bubble;
    bubble.addRoundedRect(QRectF(4, 8, 52, 38), 12, 12);
    QPainterPath tail;
    tail.moveTo(14, 42);
    tail.lineTo(10, 56);
    tail.lineTo(28, 44);
    tail.closeSubpath();
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0x1c71d8));
    painter.drawPath(bubble.united(tail));
    painter.setBrush(Qt::white);
    for (int i = 0; i < 3; ++i) {
        painter.drawEllipse(QPointF(18 + i * 12, 27), 4, 4);
    }

    if (unread > 0) {
        const QString text = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
        QFont font = painter.font();
        font.setBold(true);
        font.setPixelSize(text.size() > 2 ? 17 : 22);
        painter.setFont(font);
        const QRectF badge(size - 34, size - 34, 34, 34);
        painter.setBrush(QColor(0xc01c28));
        painter.setPen(QPen(Qt::white, 2));
        painter.drawEllipse(badge.adjusted(1, 1, -1, -1));
        painter.setPen(Qt::white);
        painter.drawText(badge, Qt::AlignCenter, text);
    }
    painter.end();
    return QIcon(pixmap);
}

void NotificationIcons::paintMutedBell(QPainter *painter, const QRectF &rect, const QColor &color)
{
    // Drawn on its own layer first so that a transparent gap can separate bell and slash
    // whatever lies beneath.
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    QPixmap layer((rect.size() * ratio).toSize());
    layer.setDevicePixelRatio(ratio);
    layer.fill(Qt::transparent);
    const qreal w = rect.width();
    const qreal h = rect.height();
    {
        QPainter p(&layer);
        p.setRenderHint(QPainter::Antialiasing);
        QPainterPath bell;
        bell.moveTo(w * 0.15, h * 0.75);
        bell.cubicTo(w * 0.28, h * 0.6, w * 0.2, h * 0.12, w * 0.5, h * 0.12);
        bell.cubicTo(w * 0.8, h * 0.12, w * 0.72, h * 0.6, w * 0.85, h * 0.75);
        bell.closeSubpath();
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawPath(bell);
        p.drawEllipse(QPointF(w * 0.5, h * 0.86), w * 0.1, h * 0.1);

        const QLineF line(QPointF(w * 0.1, h * 0.05), QPointF(w * 0.9, h * 0.95));
        const qreal width = std::max<qreal>(1.5, w * 0.1);
        p.setCompositionMode(QPainter::CompositionMode_Clear);
        p.setPen(QPen(Qt::transparent, width * 2.6, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(line.translated(-width * 0.3, width * 0.3));
        p.setCompositionMode(QPainter::CompositionMode_SourceOver);
        p.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(line);
    }
    painter->drawPixmap(rect.topLeft(), layer);
}

} // namespace Confab::Ui
