#pragma once

#include "app/core/avatarcache.h"
#include "app/ui/messagesizecache.h"

#include <QHash>
#include <QPointer>
#include <QStyledItemDelegate>

namespace Confab::Ui {

/// A message as a bubble: the user's own on the right, others' on the left (with the
/// sender's name in groups). Above the first message of each day a separator ("Today",
/// "Yesterday", or the date). The footer holds "edited", the local time (HH:mm) and, on the
/// user's own messages, the state: a clock while sending, one tick when sent, two when
/// another participant has read it, and "Failed — click to retry" in red. A deleted
/// message is an italic, muted tombstone.
/// In groups the sender's avatar sits beside the bubble; clicking the avatar or the name
/// asks for the sender's profile.
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setSelfId(qint64 id)
    {
        m_selfId = id;
        m_sizes.clear();
    }
    /// Display names of the conversation's participants, and whether it is a group.
    void setParticipants(const QHash<qint64, QString> &names, bool group);
    /// Senders' pictures in groups: the cache and each participant's profilePictureUrl.
    void setAvatars(Client::AvatarCache *avatars, const QHash<qint64, QString> &pictureUrls);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;

    /// The separator's text for a day: "Today", "Yesterday", or the locale's date.
    static QString dayLabel(const QDate &day);
    /// Whether a separator goes above the message at `index` (first row, or a new day).
    static bool startsDay(const QModelIndex &index);

Q_SIGNALS:
    void senderClicked(qint64 userId);

private:
    struct Layout;
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    static int viewWidth(const QStyleOptionViewItem &option);

    qint64 m_selfId = 0;
    QHash<qint64, QString> m_names;
    bool m_group = false;
    QPointer<Client::AvatarCache> m_avatars;
    QHash<qint64, QString> m_pictureUrls;
    mutable MessageSizeCache m_sizes;
};

} // namespace Confab::Ui
