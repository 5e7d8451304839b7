#pragma once

#include <QObject>
#include <QPointer>

class QAbstractItemView;
class QMenu;
class QModelIndex;

namespace Confab::Ui {

/// The context menu of the message list: Edit and Delete on the user's own messages, Delete
/// on others' for a group's admins, Retry on a failed message. Deleting asks first, in a
/// window-modal dialog that does not block the event loop.
class MessageActions : public QObject
{
    Q_OBJECT
public:
    MessageActions(QAbstractItemView *view, qint64 selfId, QObject *parent = nullptr);

    /// Whether the user may delete other people's messages (an admin of the open group).
    void setCanDeleteOthers(bool can) { m_canDeleteOthers = can; }
    /// The menu for the message at `index`, or nullptr when it offers nothing.
    QMenu *menuFor(const QModelIndex &index);
    /// Asks whether to delete message `messageId`; deleteConfirmed() when the user agrees.
    void confirmDelete(qint64 messageId);

Q_SIGNALS:
    void editRequested(qint64 messageId, const QString &content);
    void deleteConfirmed(qint64 messageId);
    void retryRequested(const QString &clientMessageId);

private:
    void showMenu(const QPoint &position);

    QPointer<QAbstractItemView> m_view;
    qint64 m_selfId;
    bool m_canDeleteOthers = false;
};

} // namespace Confab::Ui
