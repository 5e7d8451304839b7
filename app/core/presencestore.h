#pragma once

#include "common/conversation.h"
#include "common/user.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

namespace Confab::Client {

class RealtimeClient;

/// Who is online, and when everyone else was last seen, by user id. Fed by READY's
/// onlineUserIds, PRESENCE events and the user objects the client receives (conversation
/// participants); the newest news wins. Knows only the users the client has heard of.
class PresenceStore : public QObject
{
    Q_OBJECT
public:
    /// `realtime` may be null (then only the user objects given to update() count).
    explicit PresenceStore(RealtimeClient *realtime, QObject *parent = nullptr);

    bool isOnline(qint64 userId) const;
    /// Invalid when unknown or never seen.
    QDateTime lastSeenAt(qint64 userId) const;

    /// Takes the presence a user object carries (e.g. a participant of a fetched
    /// conversation). A PRESENCE event seen later than the object's lastSeenAt wins.
    void update(const User &user);
    void update(const QList<Conversation> &conversations);
    void setOnline(qint64 userId, bool online, const QDateTime &lastSeenAt);

Q_SIGNALS:
    void presenceChanged(qint64 userId);

private:
    void setOnlineUsers(const QList<qint64> &userIds);

    struct Entry
    {
        bool online = false;
        QDateTime lastSeenAt;
    };
    QHash<qint64, Entry> m_entries;
};

} // namespace Confab::Client
