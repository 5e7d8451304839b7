#pragma once

#include <QAbstractListModel>
#include <QPointer>

namespace Confab::Client {

class MessageStore;

/// The rows of a MessageStore as a list model, oldest at the top. It only translates the
/// store's range signals; it holds no data of its own. Scrolling to the top calls
/// fetchMore(), which asks the store for the previous page (prepended as rows 0…n-1, so a
/// view keeps its anchor message in place).
class MessageListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1, ///< qint64; 0 while pending
        ClientMessageIdRole, ///< QString
        SenderIdRole, ///< qint64
        ContentRole, ///< QString (also Qt::DisplayRole)
        CreatedAtRole, ///< QDateTime, UTC
        StateRole, ///< MessageListModel::State as int
        EditedRole, ///< bool
        DeletedRole, ///< bool
        ErrorRole, ///< QString, why sending failed
        ReadRole, ///< bool: the user's own message, read by at least one other participant
    };
    Q_ENUM(Role)
    enum State { Pending, Sent, Failed };
    Q_ENUM(State)

    explicit MessageListModel(MessageStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    QPointer<MessageStore> m_store;
};

} // namespace Confab::Client
