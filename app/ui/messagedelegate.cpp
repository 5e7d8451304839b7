#include "app/ui/messagedelegate.h"

#include "app/core/messagelistmodel.h"
#include "app/ui/avatarpainter.h"
#include "app/ui/conversationdelegate.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

namespace Confab::Ui {

using Client::MessageListModel;

namespace {
constexpr int outerMargin = 10; ///< between the bubble and the view's edge
constexpr int spacing = 3; ///< between bubbles
constexpr int hPadding = 10;
constexpr int vPadding = 6;
constexpr int radius = 10;
constexpr int separatorMargin = 8; ///< above and below a day separator
constexpr int avatarSize = 28; ///< senders' avatars in groups

QColor blend(const QColor &a, const QColor &b, qreal amountOfA)
{
    return QColor::fromRgbF(a.redF() * amountOfA + b.redF() * (1 - amountOfA),
        a.greenF() * amountOfA + b.greenF() * (1 - amountOfA),
        a.blueF() * amountOfA + b.blueF() * (1 - amountOfA));
}

QDate localDay(const QModelIndex &index)
{
    return index.data(MessageListModel::CreatedAtRole).toDateTime().toLocalTime().date();
}

/// A tick (✓) in `box`, or two overlapping ones.
void drawTicks(QPainter *painter, const QRectF &box, bool twice, const QColor &color)
{
    QPen pen(color, std::max(1.2, box.height() / 9.0));
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    const qreal h = box.height() * 0.5;
    const qreal w = h * 1.3;
    const qreal top = box.center().y() - h / 2;
    const auto tick = [&](qreal left) {
        QPainterPath path;
        path.moveTo(left, top + h * 0.55);
        path.lineTo(left + w * 0.35, top + h);
        path.lineTo(left + w, top);
        painter->drawPath(path);
    };
    const qreal left = box.right() - w - (twice ? w * 0.45 : 0);
    tick(left);
    if (twice)
        tick(left + w * 0.45);
}

/// A small clock face: the message is on its way.
void drawClock(QPainter *painter, const QRectF &box, const QColor &color)
{
    painter->setPen(QPen(color, 1.2));
    painter->setBrush(Qt::NoBrush);
    const qreal d = box.height() * 0.6;
    const QRectF face(box.right() - d, box.center().y() - d / 2, d, d);
    painter->drawEllipse(face);
    const QPointF c = face.center();
    painter->drawLine(c, QPointF(c.x(), face.top() + d * 0.22));
    painter->drawLine(c, QPointF(face.right() - d * 0.25, c.y()));
}
} // namespace

struct MessageDelegate::Layout
{
    bool own = false;
    bool deleted = false;
    bool read = false;
    qint64 senderId = 0;
    QRect avatarRect; ///< empty when no avatar is shown
    int state = MessageListModel::Sent;
    QString day; ///< the separator above, empty when none
    QString sender; ///< empty when not shown
    QString body;
    QString footer;
    QFont bodyFont;
    QFont senderFont;
    QFont footerFont;
    QRect separator; ///< relative to the row's top-left
    QRect bubble;
    QRect senderRect, bodyRect, footerRect, iconRect;
    int height = 0;
};

void MessageDelegate::setParticipants(const QHash<qint64, QString> &names, bool group)
{
    m_names = names;
    m_group = group;
    m_sizes.clear();
}

QString MessageDelegate::dayLabel(const QDate &day)
{
    const QDate today = QDate::currentDate();
    if (day == today)
        return tr("Today");
    if (day == today.addDays(-1))
        return tr("Yesterday");
    return QLocale().toString(day, QLocale::LongFormat);
}

bool MessageDelegate::startsDay(const QModelIndex &index)
{
    if (index.row() == 0)
        return true;
    return localDay(index.sibling(index.row() - 1, 0)) != localDay(index);
}

void MessageDelegate::setAvatars(
    Client::AvatarCache *avatars, const QHash<qint64, QString> &pictureUrls)
{
    m_avatars = avatars;
    m_pictureUrls = pictureUrls;
}

MessageDelegate::Layout MessageDelegate::layout(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Layout l;
    const qint64 sender = index.data(MessageListModel::SenderIdRole).toLongLong();
    l.own = sender == m_selfId;
    l.senderId = sender;
    l.deleted = index.data(MessageListModel::DeletedRole).toBool();
    l.read = index.data(MessageListModel::ReadRole).toBool();
    l.state = index.data(MessageListModel::StateRole).toInt();
    if (m_group && !l.own)
        l.sender = m_names.value(sender, tr("Unknown"));
    l.body = l.deleted ? tr("This message was deleted")
                       : index.data(MessageListModel::ContentRole).toString();
    if (startsDay(index))
        l.day = dayLabel(localDay(index));

    QStringList footer;
    if (index.data(MessageListModel::EditedRole).toBool() && !l.deleted)
        footer << tr("edited");
    const QDateTime created = index.data(MessageListModel::CreatedAtRole).toDateTime();
    footer << created.toLocalTime().time().toString(QStringLiteral("HH:mm"));
    if (l.state == MessageListModel::Failed)
        footer << tr("Failed — click to retry");
    l.footer = footer.join(QStringLiteral(" · "));

    l.bodyFont = option.font;
    l.bodyFont.setItalic(l.deleted);
    l.senderFont = option.font;
    l.senderFont.setBold(true);
    l.footerFont = option.font;
    l.footerFont.setPointSizeF(option.font.pointSizeF() * 0.85);

    const int viewWidth = MessageDelegate::viewWidth(option);
    const int maxText = std::max(120, std::min(int(viewWidth * 0.72), 560) - 2 * hPadding);

    const QFontMetrics bodyMetrics(l.bodyFont);
    const QRect body =
        bodyMetrics.boundingRect(QRect(0, 0, maxText, 100000), Qt::TextWordWrap, l.body);
    const QFontMetrics senderMetrics(l.senderFont);
    const QFontMetrics footerMetrics(l.footerFont);
    const bool icon = l.own && l.state != MessageListModel::Failed;
    const int iconWidth = icon ? footerMetrics.height() + 4 : 0;
    const int senderWidth =
        l.sender.isEmpty() ? 0 : std::min(maxText, senderMetrics.horizontalAdvance(l.sender));
    const int footerWidth = footerMetrics.horizontalAdvance(l.footer) + iconWidth;
    const int contentWidth = std::min(maxText, std::max({body.width(), senderWidth, footerWidth}));

    int top = 0;
    if (!l.day.isEmpty()) {
        const int h = footerMetrics.height() + 6;
        const int w = footerMetrics.horizontalAdvance(l.day) + 20;
        l.separator = QRect((viewWidth - w) / 2, separatorMargin, w, h);
        top = h + 2 * separatorMargin;
    }

    int y = vPadding;
    if (!l.sender.isEmpty()) {
        l.senderRect = QRect(hPadding, y, contentWidth, senderMetrics.height());
        y += senderMetrics.height() + 1;
    }
    l.bodyRect = QRect(hPadding, y, contentWidth, body.height());
    y += body.height() + 2;
    l.footerRect = QRect(hPadding, y, contentWidth - iconWidth, footerMetrics.height());
    if (icon)
        l.iconRect = QRect(
            hPadding + contentWidth - iconWidth + 4, y, iconWidth - 4, footerMetrics.height());
    y += footerMetrics.height() + vPadding;

    const int bubbleWidth = contentWidth + 2 * hPadding;
    const bool withAvatar = !l.sender.isEmpty();
    const int left = l.own ? viewWidth - outerMargin - bubbleWidth
        : withAvatar       ? outerMargin + avatarSize + 6
                           : outerMargin;
    l.bubble = QRect(left, top + spacing, bubbleWidth, y);
    if (withAvatar)
        l.avatarRect = QRect(outerMargin, top + spacing, avatarSize, avatarSize);
    for (QRect *rect : {&l.senderRect, &l.bodyRect, &l.footerRect, &l.iconRect}) {
        if (!rect->isNull())
            rect->translate(left, top + spacing);
    }
    l.height = top + std::max(y, l.avatarRect.height()) + 2 * spacing;
    return l;
}

int MessageDelegate::viewWidth(const QStyleOptionViewItem &option)
{
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        return view->viewport()->width();
    return option.rect.width();
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    MessageSizeKey key;
    key.id = index.data(MessageListModel::IdRole).toLongLong();
    if (key.id == 0) // a local echo: known by its clientMessageId only
        key.clientMessageIdHash =
            qHash(index.data(MessageListModel::ClientMessageIdRole).toString());
    key.contentHash = qHash(index.data(MessageListModel::ContentRole).toString());
    key.createdMs = index.data(MessageListModel::CreatedAtRole).toDateTime().toMSecsSinceEpoch();
    if (index.row() > 0)
        key.previousCreatedMs = index.sibling(index.row() - 1, 0)
                                    .data(MessageListModel::CreatedAtRole)
                                    .toDateTime()
                                    .toMSecsSinceEpoch();
    key.viewWidth = viewWidth(option);
    key.state = index.data(MessageListModel::StateRole).toInt();
    key.deleted = index.data(MessageListModel::DeletedRole).toBool();
    key.edited = index.data(MessageListModel::EditedRole).toBool();
    if (const std::optional<QSize> known = m_sizes.find(key))
        return *known;
    const Layout l = layout(option, index);
    const QSize size(std::max(l.bubble.right(), l.separator.right()) + outerMargin, l.height);
    m_sizes.insert(key, size);
    return size;
}

void MessageDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Layout l = layout(option, index);
    const QPalette &palette = option.palette;
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const bool dark = base.lightness() < 128;
    const QColor failedRed = dark ? QColor(0xff, 0x7b, 0x63) : QColor(0xc0, 0x1c, 0x28);
    QColor fill =
        l.own ? blend(palette.color(QPalette::Highlight), base, 0.22) : blend(text, base, 0.08);
    if (l.state == MessageListModel::Failed)
        fill = blend(QColor(0xe0, 0x1b, 0x24), base, 0.18);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->translate(option.rect.topLeft());

    QColor muted = text;
    muted.setAlphaF(0.6);
    if (!l.day.isEmpty()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(blend(text, base, 0.06));
        painter->drawRoundedRect(
            l.separator, l.separator.height() / 2.0, l.separator.height() / 2.0);
        painter->setFont(l.footerFont);
        painter->setPen(muted);
        painter->drawText(l.separator, Qt::AlignCenter, l.day);
    }

    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(l.bubble, radius, radius);

    if (!l.avatarRect.isEmpty()) {
        const QImage picture =
            m_avatars ? m_avatars->avatar(l.senderId, m_pictureUrls.value(l.senderId)) : QImage();
        AvatarPainter::paint(painter, l.avatarRect, l.senderId, l.sender, picture);
    }
    if (!l.sender.isEmpty()) {
        painter->setFont(l.senderFont);
        const QColor nameColor = AvatarPainter::colorFor(l.senderId);
        // Lighter on dark palettes, where the avatar colours are too dim to read as text.
        painter->setPen(dark ? nameColor.lighter(170) : nameColor);
        painter->drawText(l.senderRect, Qt::AlignLeft | Qt::AlignTop,
            QFontMetrics(l.senderFont).elidedText(l.sender, Qt::ElideRight, l.senderRect.width()));
    }
    QColor bodyColor = text;
    if (l.deleted || l.state == MessageListModel::Pending)
        bodyColor.setAlphaF(0.6);
    painter->setFont(l.bodyFont);
    painter->setPen(bodyColor);
    painter->drawText(l.bodyRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, l.body);

    QColor footerColor = l.state == MessageListModel::Failed ? failedRed : text;
    if (l.state != MessageListModel::Failed)
        footerColor.setAlphaF(0.55);
    painter->setFont(l.footerFont);
    painter->setPen(footerColor);
    painter->drawText(l.footerRect, Qt::AlignRight | Qt::AlignVCenter, l.footer);

    if (!l.iconRect.isNull()) {
        if (l.state == MessageListModel::Pending) {
            drawClock(painter, l.iconRect, footerColor);
        } else {
            // Read: the accent colour (lighter on dark palettes), so that two ticks stand out.
            QColor accent = palette.color(QPalette::Highlight);
            if (dark)
                accent = accent.lighter(160);
            drawTicks(painter, l.iconRect, l.read, l.read ? accent : footerColor);
        }
    }
    painter->restore();
}

bool MessageDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
    const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        const Layout l = layout(option, index);
        const QPoint at =
            static_cast<QMouseEvent *>(event)->position().toPoint() - option.rect.topLeft();
        if (!l.sender.isEmpty() && (l.avatarRect.contains(at) || l.senderRect.contains(at))) {
            Q_EMIT senderClicked(l.senderId);
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace Confab::Ui
