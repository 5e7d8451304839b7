#include "app/ui/messagedelegate.h"

#include "app/core/messagelistmodel.h"
#include "app/ui/avatarpainter.h"
#include "app/ui/conversationdelegate.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QMouseEvent>
#include <QPainter>

namespace Confab::Ui {

using Client::MessageListModel;

namespace {
constexpr int outerMargin = 10; ///< between the bubble and the view's edge
constexpr int spacing = 3; ///< between bubbles
constexpr int hPadding = 10;
constexpr int vPadding = 6;
constexpr int radius = 10;
constexpr int avatarSize = 28; ///< senders' avatars in groups

QColor blend(const QColor &a, const QColor &b, qreal amountOfA)
{
    return QColor::fromRgbF(a.redF() * amountOfA + b.redF() * (1 - amountOfA),
        a.greenF() * amountOfA + b.greenF() * (1 - amountOfA),
        a.blueF() * amountOfA + b.blueF() * (1 - amountOfA));
}
} // namespace

struct MessageDelegate::Layout
{
    bool own = false;
    bool deleted = false;
    qint64 senderId = 0;
    QRect avatarRect; ///< empty when no avatar is shown
    int state = MessageListModel::Sent;
    QString sender; ///< empty when not shown
    QString body;
    QString footer;
    QFont bodyFont;
    QFont senderFont;
    QFont footerFont;
    QRect bubble; ///< relative to the row's top-left
    QRect senderRect, bodyRect, footerRect;
    int height = 0;
};

void MessageDelegate::setParticipants(const QHash<qint64, QString> &names, bool group)
{
    m_names = names;
    m_group = group;
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
    l.state = index.data(MessageListModel::StateRole).toInt();
    if (m_group && !l.own)
        l.sender = m_names.value(sender, tr("Unknown"));
    l.body = l.deleted ? tr("This message was deleted")
                       : index.data(MessageListModel::ContentRole).toString();

    QStringList footer;
    if (index.data(MessageListModel::EditedRole).toBool() && !l.deleted)
        footer << tr("edited");
    footer << shortTimestamp(index.data(MessageListModel::CreatedAtRole).toDateTime());
    if (l.state == MessageListModel::Pending)
        footer << tr("Sending…");
    else if (l.state == MessageListModel::Failed)
        footer << tr("Not sent");
    l.footer = footer.join(QStringLiteral(" · "));

    l.bodyFont = option.font;
    l.bodyFont.setItalic(l.deleted);
    l.senderFont = option.font;
    l.senderFont.setBold(true);
    l.footerFont = option.font;
    l.footerFont.setPointSizeF(option.font.pointSizeF() * 0.85);

    int viewWidth = option.rect.width();
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        viewWidth = view->viewport()->width();
    const int maxText = std::max(120, std::min(int(viewWidth * 0.72), 560) - 2 * hPadding);

    const QFontMetrics bodyMetrics(l.bodyFont);
    const QRect body =
        bodyMetrics.boundingRect(QRect(0, 0, maxText, 100000), Qt::TextWordWrap, l.body);
    const QFontMetrics senderMetrics(l.senderFont);
    const QFontMetrics footerMetrics(l.footerFont);
    const int senderWidth =
        l.sender.isEmpty() ? 0 : std::min(maxText, senderMetrics.horizontalAdvance(l.sender));
    const int footerWidth = footerMetrics.horizontalAdvance(l.footer);
    const int contentWidth = std::min(maxText, std::max({body.width(), senderWidth, footerWidth}));

    int y = vPadding;
    if (!l.sender.isEmpty()) {
        l.senderRect = QRect(hPadding, y, contentWidth, senderMetrics.height());
        y += senderMetrics.height() + 1;
    }
    l.bodyRect = QRect(hPadding, y, contentWidth, body.height());
    y += body.height() + 2;
    l.footerRect = QRect(hPadding, y, contentWidth, footerMetrics.height());
    y += footerMetrics.height() + vPadding;

    const int bubbleWidth = contentWidth + 2 * hPadding;
    const bool withAvatar = !l.sender.isEmpty();
    const int left = l.own ? viewWidth - outerMargin - bubbleWidth
        : withAvatar       ? outerMargin + avatarSize + 6
                           : outerMargin;
    l.bubble = QRect(left, spacing, bubbleWidth, y);
    if (withAvatar)
        l.avatarRect = QRect(outerMargin, spacing, avatarSize, avatarSize);
    for (QRect *rect : {&l.senderRect, &l.bodyRect, &l.footerRect})
        rect->translate(left, spacing);
    l.height = std::max(y, l.avatarRect.height()) + 2 * spacing;
    return l;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Layout l = layout(option, index);
    return {l.bubble.right() + outerMargin, l.height};
}

void MessageDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Layout l = layout(option, index);
    const QPalette &palette = option.palette;
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    QColor fill =
        l.own ? blend(palette.color(QPalette::Highlight), base, 0.22) : blend(text, base, 0.08);
    if (l.state == MessageListModel::Failed)
        fill = blend(QColor(0xe0, 0x1b, 0x24), base, 0.18);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->translate(option.rect.topLeft());
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
        painter->setPen(base.lightness() < 128 ? nameColor.lighter(170) : nameColor);
        painter->drawText(l.senderRect, Qt::AlignLeft | Qt::AlignTop,
            QFontMetrics(l.senderFont).elidedText(l.sender, Qt::ElideRight, l.senderRect.width()));
    }
    QColor bodyColor = text;
    if (l.deleted || l.state == MessageListModel::Pending)
        bodyColor.setAlphaF(0.6);
    painter->setFont(l.bodyFont);
    painter->setPen(bodyColor);
    painter->drawText(l.bodyRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, l.body);

    QColor footerColor = l.state == MessageListModel::Failed ? QColor(0xc0, 0x1c, 0x28) : text;
    if (l.state != MessageListModel::Failed)
        footerColor.setAlphaF(0.55);
    painter->setFont(l.footerFont);
    painter->setPen(footerColor);
    painter->drawText(l.footerRect, Qt::AlignRight | Qt::AlignVCenter, l.footer);
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
