#include "app/ui/messageactions.h"

#include "app/core/messagelistmodel.h"

#include <QAbstractItemView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>

namespace Confab::Ui {

using Client::MessageListModel;

MessageActions::MessageActions(QAbstractItemView *view, qint64 selfId, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_selfId(selfId)
{
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, this, &MessageActions::showMenu);
}

QMenu *MessageActions::menuFor(const QModelIndex &index)
{
    if (!index.isValid())
        return nullptr;
    const int state = index.data(MessageListModel::StateRole).toInt();
    const bool own = index.data(MessageListModel::SenderIdRole).toLongLong() == m_selfId;
    const bool deleted = index.data(MessageListModel::DeletedRole).toBool();
    const qint64 id = index.data(MessageListModel::IdRole).toLongLong();

    auto *menu = new QMenu(m_view);
    menu->setObjectName(QStringLiteral("messageMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (state == MessageListModel::Failed) {
        const QString clientMessageId =
            index.data(MessageListModel::ClientMessageIdRole).toString();
        QAction *retry = menu->addAction(tr("Retry"));
        retry->setObjectName(QStringLiteral("retryAction"));
        connect(retry, &QAction::triggered, this,
            [this, clientMessageId] { Q_EMIT retryRequested(clientMessageId); });
    } else if (state == MessageListModel::Sent && !deleted) {
        if (own) {
            const QString content = index.data(MessageListModel::ContentRole).toString();
            QAction *edit = menu->addAction(tr("Edit"));
            edit->setObjectName(QStringLiteral("editAction"));
            connect(edit, &QAction::triggered, this,
                [this, id, content] { Q_EMIT editRequested(id, content); });
        }
        if (own || m_canDeleteOthers) {
            QAction *remove = menu->addAction(tr("Delete"));
            remove->setObjectName(QStringLiteral("deleteAction"));
            connect(remove, &QAction::triggered, this, [this, id] { confirmDelete(id); });
        }
    }
    if (menu->isEmpty()) {
        delete menu;
        return nullptr;
    }
    return menu;
}

void MessageActions::showMenu(const QPoint &position)
{
    if (!m_view)
        return;
    QMenu *menu = menuFor(m_view->indexAt(position));
    if (menu)
        menu->popup(m_view->viewport()->mapToGlobal(position));
}

void MessageActions::confirmDelete(qint64 messageId)
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete message"),
        tr("Delete this message for everyone? This cannot be undone."), QMessageBox::NoButton,
        m_view ? m_view->window() : nullptr);
    box->setObjectName(QStringLiteral("deleteConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDeleteButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, remove, messageId](QAbstractButton *b) {
        if (b == remove)
            Q_EMIT deleteConfirmed(messageId);
    });
    box->open();
}

} // namespace Confab::Ui
