#pragma once

#include <QStyledItemDelegate>

namespace Confab::Ui {

/// A row of the conversation list: an initial in a circle (with a green dot when the other
/// person of a direct chat is online), the title, the time of the latest activity, a
/// one-line preview of the last message and an unread badge.
class ConversationDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

/// "14:03" (HH:mm) today, the weekday within a week, else the short date.
QString shortTimestamp(const QDateTime &time);
/// A stable colour for a name (avatars, sender names).
QColor colorForName(const QString &name);

} // namespace Confab::Ui
