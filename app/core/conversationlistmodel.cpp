#include "app/core/conversationlistmodel.h"

#include "app/core/conversationstore.h"
#include "app/core/presencestore.h"

namespace Confab::Client {

namespace {

QString titleOf(const Conversation &conversation, qint64 selfId)
{
    if (conversation.type == ConversationType::Group)
        return conversation.title;
    for (const Participant &participant : conversation.participants) {
        if (participant.user.id != selfId)
            return participant.user.displayName;
    }
    return {};
}

qint64 otherUserId(const Conversation &conversation, qint64 selfId)
{
    if (conversation.type == ConversationType::Group)
        return 0;
    for (const Participant &participant : conversation.participants) {
        if (participant.user.id != selfId)
            return participant.user.id;
    }
    return 0;
}

const User *peerOf(const Conversation &conversation, qint64 selfId)
{
    if (conversation.type == ConversationType::Group)
        return nullptr;
    for (const Participant &participant : conversation.participants) {
        if (participant.user.id != selfId)
            return &participant.user;
    }
    return nullptr;
}

} // namespace

void ConversationListModel::setPresenceStore(PresenceStore *presence)
{
    if (m_presence)
        m_presence->disconnect(this);
    m_presence = presence;
    if (!presence)
        return;
    connect(presence, &PresenceStore::presenceChanged, this, [this](qint64 userId) {
        for (int row = 0; m_store && row < m_store->count(); ++row) {
            if (otherUserId(m_store->at(row), m_selfId) == userId)
                Q_EMIT dataChanged(index(row), index(row), {OnlineRole});
        }
    });
}

ConversationListModel::ConversationListModel(
    ConversationStore *store, qint64 selfId, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
    , m_selfId(selfId)
{
    connect(store, &ConversationStore::aboutToInsert, this,
        [this](int row) { beginInsertRows({}, row, row); });
    connect(store, &ConversationStore::inserted, this, [this] { endInsertRows(); });
    connect(store, &ConversationStore::aboutToMove, this, [this](int from, int to) {
        // Qt names the destination as the row before which the moved row lands.
        beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
    });
    connect(store, &ConversationStore::moved, this, [this] { endMoveRows(); });
    connect(store, &ConversationStore::aboutToRemove, this,
        [this](int row) { beginRemoveRows({}, row, row); });
    connect(store, &ConversationStore::removed, this, [this] { endRemoveRows(); });
    connect(store, &ConversationStore::changed, this,
        [this](int row) { Q_EMIT dataChanged(index(row), index(row)); });
    connect(store, &QObject::destroyed, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_store ? 0 : m_store->count();
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || !m_store)
        return {};
    const Conversation &conversation = m_store->at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return titleOf(conversation, m_selfId);
    case IdRole:
        return conversation.id;
    case IsGroupRole:
        return conversation.type == ConversationType::Group;
    case LastMessageRole:
        return conversation.lastMessage ? conversation.lastMessage->content : QString();
    case UpdatedAtRole:
        return conversation.updatedAt;
    case UnreadCountRole:
        return conversation.unreadCount;
    case LastMessageDeletedRole:
        return conversation.lastMessage && conversation.lastMessage->isDeleted();
    case OtherUserIdRole:
        return otherUserId(conversation, m_selfId);
    case OnlineRole: {
        const qint64 other = otherUserId(conversation, m_selfId);
        return other > 0 && m_presence && m_presence->isOnline(other);
    }
    case PeerIdRole: {
        const User *peer = peerOf(conversation, m_selfId);
        return peer ? peer->id : qint64(0);
    }
    case PeerPictureUrlRole: {
        const User *peer = peerOf(conversation, m_selfId);
        return peer ? peer->profilePictureUrl : QString();
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, QByteArrayLiteral("conversationId"));
    names.insert(TitleRole, QByteArrayLiteral("title"));
    names.insert(IsGroupRole, QByteArrayLiteral("isGroup"));
    names.insert(LastMessageRole, QByteArrayLiteral("lastMessage"));
    names.insert(UpdatedAtRole, QByteArrayLiteral("updatedAt"));
    names.insert(UnreadCountRole, QByteArrayLiteral("unreadCount"));
    names.insert(LastMessageDeletedRole, QByteArrayLiteral("lastMessageDeleted"));
    names.insert(OtherUserIdRole, QByteArrayLiteral("otherUserId"));
    names.insert(OnlineRole, QByteArrayLiteral("online"));
    names.insert(PeerIdRole, QByteArrayLiteral("peerId"));
    names.insert(PeerPictureUrlRole, QByteArrayLiteral("peerPictureUrl"));
    return names;
}

} // namespace Confab::Client
