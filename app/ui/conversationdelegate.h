#pragma once

#include "app/core/avatarcache.h"

#include <QPointer>
#include <QStyledItemDelegate>

namespace Confab::Client {
class NotificationSettings;
} // namespace Confab::Client

namespace Confab::Ui {

/// A row of the conversation list: an avatar (the other person's picture, or initials; with a
/// green dot when the other person of a direct chat is online), the title, the time of the
/// latest activity, a one-line preview of the last message and an unread badge; a crossed bell
/// when the conversation is muted.
class ConversationDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    /// Where pictures come from; without one, initials only.
    void setAvatars(Client::AvatarCache *avatars) { m_avatars = avatars; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /// Where to look up muted conversations (none are shown muted without it).
    void setNotificationSettings(const Client::NotificationSettings *settings);

private:
    QPointer<Client::AvatarCache> m_avatars;
    QPointer<const Client::NotificationSettings> m_notificationSettings;
};

/// "14:03" (HH:mm) today, the weekday within a week, else the short date.
QString shortTimestamp(const QDateTime &time);
/// A stable colour for a name (avatars, sender names).
QColor colorForName(const QString &name);

} // namespace Confab::Ui
