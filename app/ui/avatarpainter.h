#pragma once

#include <QColor>
#include <QImage>
#include <QPixmap>
#include <QRect>
#include <QString>

class QPainter;

namespace Confab::Ui {

/// Draws a round avatar: the picture when there is one, otherwise the initials of the name
/// on a colour derived from a stable key (a user's id, or a group's id). The one painter of
/// avatars everywhere: conversation list, chat header, messages, panels and dialogs.
class AvatarPainter
{
public:
    /// Up to two letters: the first letters of the first two words, else the first letter.
    static QString initials(const QString &name);
    /// A colour of its own for `key`, dark enough for white initials in light and dark themes.
    static QColor colorFor(qint64 key);

    static void paint(QPainter *painter, const QRect &rect, qint64 key, const QString &name,
        const QImage &picture);
    /// The same as a pixmap of `size` × `size` (for labels and list icons).
    static QPixmap pixmap(int size, qint64 key, const QString &name, const QImage &picture,
        qreal devicePixelRatio = 1.0);
};

} // namespace Confab::Ui
