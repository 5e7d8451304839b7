#include "app/ui/conversationdelegate.h"

#include "app/core/avatarcache.h"
#include "app/core/conversationlistmodel.h"
#include "app/core/notificationsettings.h"
#include "app/ui/avatarpainter.h"
#include "app/ui/notificationicons.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace Confab::Ui {

using Client::ConversationListModel;

namespace {
constexpr int padding = 8;
constexpr int avatarSize = 40;
} // namespace

QString shortTimestamp(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    const QDateTime local = time.toLocalTime();
    const QDate today = QDate::currentDate();
    const QLocale locale;
    if (local.date() == today)
        return local.time().toString(QStringLiteral("HH:mm")); // never seconds
    if (local.date().daysTo(today) < 7)
        return locale.dayName(local.date().dayOfWeek(), QLocale::ShortFormat);
    return locale.toString(local.date(), QLocale::ShortFormat);
}

QColor colorForName(const QString &name)
{
    const int hue = int(qHash(name) % 360);
    return QColor::fromHsl(hue, 140, 110);
}

void ConversationDelegate::setNotificationSettings(const Client::NotificationSettings *settings)
{
    m_notificationSettings = settings;
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics metrics(option.font);
    const int text = metrics.height() * 2 + 4;
    return {200, std::max(avatarSize, text) + 2 * padding};
}

void ConversationDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group =
        option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
    const QColor textColor =
        option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor dimColor = textColor;
    dimColor.setAlphaF(0.65);

    const QString title = index.data(ConversationListModel::TitleRole).toString();
    const QString preview =
        index.data(ConversationListModel::LastMessageRole).toString().simplified();
    const QString time =
        shortTimestamp(index.data(ConversationListModel::UpdatedAtRole).toDateTime());
    const int unread = index.data(ConversationListModel::UnreadCountRole).toInt();
    const bool muted = m_notificationSettings
        && m_notificationSettings->isMuted(index.data(ConversationListModel::IdRole).toLongLong());

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect.adjusted(padding, padding, -padding, -padding);

    // Avatar: the other person's picture in a direct chat, else initials on a colour of
    // their own (the person's, or the group's).
    const QRect avatar(r.left(), r.center().y() - avatarSize / 2, avatarSize, avatarSize);
    const qint64 peerId = index.data(ConversationListModel::PeerIdRole).toLongLong();
    const qint64 key = peerId ? peerId : -index.data(ConversationListModel::IdRole).toLongLong();
    QImage picture;
    if (peerId && m_avatars) {
        picture = m_avatars->avatar(
            peerId, index.data(ConversationListModel::PeerPictureUrlRole).toString());
    }
    AvatarPainter::paint(painter, avatar, key, title, picture);
    if (index.data(ConversationListModel::OnlineRole).toBool()) {
        // A green dot on the avatar, ringed with the row's background.
        const int d = avatarSize / 4 + 2;
        const QRect dot(avatar.right() - d + 2, avatar.bottom() - d + 2, d, d);
        painter->setBrush(QColor(0x2e, 0xc2, 0x7e));
        painter->setPen(
            QPen(option.palette.color(group, selected ? QPalette::Highlight : QPalette::Base), 2));
        painter->drawEllipse(dot);
    }

    const int textLeft = avatar.right() + padding + 2;
    const QFontMetrics metrics(option.font);
    const int lineHeight = metrics.height();
    const int top = r.center().y() - lineHeight - 1;

    // First line: title, time on the right.
    QFont titleFont = option.font;
    titleFont.setBold(true);
    const int timeWidth = metrics.horizontalAdvance(time);
    painter->setFont(option.font);
    painter->setPen(dimColor);
    painter->drawText(QRect(r.right() - timeWidth, top, timeWidth, lineHeight),
        Qt::AlignRight | Qt::AlignVCenter, time);
    int titleRight = r.right() - timeWidth - padding;
    if (muted) {
        const int iconSize = lineHeight - 2;
        const QRectF icon(titleRight - iconSize, top + 1, iconSize, iconSize);
        NotificationIcons::paintMutedBell(painter, icon, dimColor);
        titleRight = int(icon.left()) - 4;
    }
    painter->setFont(titleFont);
    painter->setPen(textColor);
    const QRect titleRect(textLeft, top, titleRight - textLeft, lineHeight);
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetrics(titleFont).elidedText(title, Qt::ElideRight, titleRect.width()));

    // Second line: preview, unread badge on the right.
    int previewRight = r.right();
    if (unread > 0) {
        const QString count = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
        QFont badgeFont = option.font;
        badgeFont.setBold(true);
        badgeFont.setPointSizeF(badgeFont.pointSizeF() * 0.85);
        const QFontMetrics badgeMetrics(badgeFont);
        const int h = badgeMetrics.height() + 2;
        const int w = std::max(h, badgeMetrics.horizontalAdvance(count) + 10);
        const QRect badge(r.right() - w, top + lineHeight + 3, w, h);
        painter->setPen(Qt::NoPen);
        painter->setBrush(selected ? option.palette.color(group, QPalette::HighlightedText)
                : muted            ? QColor(0x77767b)
                                   : QColor(0x1c71d8));
        painter->drawRoundedRect(badge, h / 2.0, h / 2.0);
        painter->setFont(badgeFont);
        painter->setPen(
            selected ? option.palette.color(group, QPalette::Highlight) : QColor(Qt::white));
        painter->drawText(badge, Qt::AlignCenter, count);
        previewRight = badge.left() - padding;
    }
    painter->setFont(option.font);
    painter->setPen(dimColor);
    const QRect previewRect(textLeft, top + lineHeight + 2, previewRight - textLeft, lineHeight);
    const bool deleted = index.data(ConversationListModel::LastMessageDeletedRole).toBool();
    const QString shown = deleted ? tr("Message deleted")
        : preview.isEmpty()       ? tr("No messages yet")
                                  : preview;
    QFont previewFont = option.font;
    previewFont.setItalic(deleted);
    painter->setFont(previewFont);
    painter->drawText(previewRect, Qt::AlignLeft | Qt::AlignVCenter,
        metrics.elidedText(shown, Qt::ElideRight, previewRect.width()));
    painter->restore();
}

} // namespace Confab::Ui
