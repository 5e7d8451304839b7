#include "app/ui/avatarpainter.h"

#include <QPainter>
#include <QPainterPath>

namespace Confab::Ui {

QString AvatarPainter::initials(const QString &name)
{
    const QStringList words = name.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.isEmpty())
        return QStringLiteral("?");
    QString letters = words.first().left(1);
    if (words.size() > 1)
        letters += words.at(1).left(1);
    return letters.toUpper();
}

QColor AvatarPainter::colorFor(qint64 key)
{
    // Spread neighbouring ids around the colour wheel (golden-angle steps).
    const int hue = int((quint64(key) * 137) % 360);
    return QColor::fromHsl(hue, 140, 100);
}

void AvatarPainter::paint(
    QPainter *painter, const QRect &rect, qint64 key, const QString &name, const QImage &picture)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    QPainterPath circle;
    circle.addEllipse(QRectF(rect));
    if (!picture.isNull()) {
        painter->setClipPath(circle);
        // Cover the circle, cropping the longer side.
        const QSize scaled = picture.size().scaled(rect.size(), Qt::KeepAspectRatioByExpanding);
        const QRect target(rect.center().x() - scaled.width() / 2 + 1,
            rect.center().y() - scaled.height() / 2 + 1, scaled.width(), scaled.height());
        painter->drawImage(target, picture);
    } else {
        painter->setPen(Qt::NoPen);
        painter->setBrush(colorFor(key));
        painter->drawPath(circle);
        QFont font = painter->font();
        font.setBold(true);
        font.setPixelSize(std::max(8, rect.height() * 2 / 5));
        painter->setFont(font);
        painter->setPen(Qt::white);
        painter->drawText(rect, Qt::AlignCenter, initials(name));
    }
    painter->restore();
}

QPixmap AvatarPainter::pixmap(
    int size, qint64 key, const QString &name, const QImage &picture, qreal devicePixelRatio)
{
    QPixmap result(QSize(size, size) * devicePixelRatio);
    result.setDevicePixelRatio(devicePixelRatio);
    result.fill(Qt::transparent);
    QPainter painter(&result);
    paint(&painter, QRect(0, 0, size, size), key, name, picture);
    return result;
}

} // namespace Confab::Ui
