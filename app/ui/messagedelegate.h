#pragma once

#include <QHash>
#include <QStyledItemDelegate>

namespace Confab::Ui {

/// A message as a bubble: the user's own on the right, others' on the left (with the
/// sender's name in groups); time, "edited", deleted, pending and failed marks.
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setSelfId(qint64 id) { m_selfId = id; }
    /// Display names of the conversation's participants, and whether it is a group.
    void setParticipants(const QHash<qint64, QString> &names, bool group);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    struct Layout;
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    qint64 m_selfId = 0;
    QHash<qint64, QString> m_names;
    bool m_group = false;
};

} // namespace Confab::Ui
