#pragma once

#include "app/core/avatarcache.h"

#include <QHash>
#include <QPointer>
#include <QStyledItemDelegate>

namespace Confab::Ui {

/// A message as a bubble: the user's own on the right, others' on the left (with the
/// sender's avatar and name in groups; clicking either asks for the sender's profile);
/// time, "edited", deleted, pending and failed marks.
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setSelfId(qint64 id) { m_selfId = id; }
    /// Display names of the conversation's participants, and whether it is a group.
    void setParticipants(const QHash<qint64, QString> &names, bool group);
    /// Senders' pictures in groups: the cache and each participant's profilePictureUrl.
    void setAvatars(Client::AvatarCache *avatars, const QHash<qint64, QString> &pictureUrls);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;

Q_SIGNALS:
    void senderClicked(qint64 userId);

private:
    struct Layout;
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    qint64 m_selfId = 0;
    QHash<qint64, QString> m_names;
    bool m_group = false;
    QPointer<Client::AvatarCache> m_avatars;
    QHash<qint64, QString> m_pictureUrls;
};

} // namespace Confab::Ui
