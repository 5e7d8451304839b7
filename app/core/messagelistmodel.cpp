#include "app/core/messagelistmodel.h"

#include "app/core/messagestore.h"

namespace Confab::Client {

MessageListModel::MessageListModel(MessageStore *store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    connect(store, &MessageStore::aboutToInsert, this,
        [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(store, &MessageStore::inserted, this, [this] { endInsertRows(); });
    connect(store, &MessageStore::aboutToRemove, this,
        [this](int first, int last) { beginRemoveRows({}, first, last); });
    connect(store, &MessageStore::removed, this, [this] { endRemoveRows(); });
    connect(store, &MessageStore::changed, this,
        [this](int first, int last) { Q_EMIT dataChanged(index(first), index(last)); });
    connect(store, &QObject::destroyed, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_store ? 0 : m_store->count();
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || !m_store)
        return {};
    const MessageItem &item = m_store->at(index.row());
    const Message &message = item.message;
    switch (role) {
    case Qt::DisplayRole:
    case ContentRole:
        return message.content;
    case IdRole:
        return message.id;
    case ClientMessageIdRole:
        return message.clientMessageId;
    case SenderIdRole:
        return message.senderId;
    case CreatedAtRole:
        return message.createdAt;
    case StateRole:
        switch (item.state) {
        case MessageItem::State::Pending:
            return int(Pending);
        case MessageItem::State::Sent:
            return int(Sent);
        case MessageItem::State::Failed:
            return int(Failed);
        }
        return {};
    case EditedRole:
        return message.editedAt.isValid();
    case DeletedRole:
        return message.isDeleted();
    case ErrorRole:
        return item.error.message;
    case ReadRole:
        return m_store->isReadByOthers(index.row());
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, QByteArrayLiteral("messageId"));
    names.insert(ClientMessageIdRole, QByteArrayLiteral("clientMessageId"));
    names.insert(SenderIdRole, QByteArrayLiteral("senderId"));
    names.insert(ContentRole, QByteArrayLiteral("content"));
    names.insert(CreatedAtRole, QByteArrayLiteral("createdAt"));
    names.insert(StateRole, QByteArrayLiteral("state"));
    names.insert(EditedRole, QByteArrayLiteral("edited"));
    names.insert(DeletedRole, QByteArrayLiteral("deleted"));
    names.insert(ReadRole, QByteArrayLiteral("read"));
    names.insert(ErrorRole, QByteArrayLiteral("error"));
    return names;
}

bool MessageListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_store && m_store->canLoadOlder();
}

void MessageListModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid() && m_store)
        m_store->loadOlder();
}

} // namespace Confab::Client
