#pragma once

#include <QAbstractListModel>
#include <QPointer>

namespace Confab::Client {

class ConversationStore;
class PresenceStore;

/// The conversations of a ConversationStore as a list model, most recent activity first.
/// It only translates the store's signals; it holds no data of its own.
class ConversationListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1, ///< qint64
        TitleRole, ///< QString: the group's title, or the other person's display name
        IsGroupRole, ///< bool
        LastMessageRole, ///< QString: content of the newest message, empty when none
        UpdatedAtRole, ///< QDateTime: time of the latest activity
        UnreadCountRole, ///< int
        LastMessageDeletedRole, ///< bool: the newest message is a tombstone
        OtherUserIdRole, ///< qint64: the other person of a direct conversation; 0 for groups
        OnlineRole, ///< bool: the other person of a direct conversation is online
        PeerIdRole, ///< qint64: the other person of a direct conversation; 0 for groups
        PeerPictureUrlRole, ///< QString: their profilePictureUrl; empty for groups
    };
    Q_ENUM(Role)

    /// `selfId` names the user whose list this is (for direct conversations' titles).
    ConversationListModel(ConversationStore *store, qint64 selfId, QObject *parent = nullptr);

    /// Where OnlineRole comes from (none: always false); rows follow its changes.
    void setPresenceStore(PresenceStore *presence);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QPointer<ConversationStore> m_store;
    QPointer<PresenceStore> m_presence;
    qint64 m_selfId;
};

} // namespace Confab::Client
