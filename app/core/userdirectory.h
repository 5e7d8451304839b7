#pragma once

#include "common/user.h"

#include <QCoroTask>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <optional>

namespace Confab::Client {

class ConversationStore;
class PresenceStore;
class RealtimeClient;
class Session;

/// The users this client knows, by id: seeded from the participants of the conversations it
/// holds, fetched on demand (GET /api/users/:id) for anyone else, and replaced by
/// USER_UPDATED.
///
/// Presence comes from the PresenceStore when one is set (it follows PRESENCE events; the
/// users this directory learns are handed to it), otherwise from what the User objects
/// carry (`online`, `lastSeenAt`).
class UserDirectory : public QObject
{
    Q_OBJECT
public:
    /// `realtime` and `conversations` may be null.
    UserDirectory(Session *session, RealtimeClient *realtime, ConversationStore *conversations,
        QObject *parent = nullptr);

    /// The user if known; otherwise nothing, and a fetch starts (userChanged follows).
    std::optional<User> user(qint64 id);
    /// Only what is held, without fetching.
    std::optional<User> cached(qint64 id) const;
    /// Takes a user as the server answered it (e.g. after one's own profile change).
    void insert(const User &user);

    /// Presence from `presence` from now on; its changes are reported as userChanged().
    void setPresenceStore(PresenceStore *presence);

    bool isOnline(qint64 id) const;
    QDateTime lastSeenAt(qint64 id) const;

Q_SIGNALS:
    /// A user arrived or changed.
    void userChanged(qint64 id);
    void fetchFailed(qint64 id, const Confab::Error &error);

private:
    QCoro::Task<> fetch(qint64 id);
    void seedFrom(ConversationStore *conversations, int row);

    QPointer<Session> m_session;
    QPointer<PresenceStore> m_presence;
    QHash<qint64, User> m_users;
    QSet<qint64> m_fetching;
};

} // namespace Confab::Client
