#include "app/core/presencestore.h"

#include "app/core/realtimeclient.h"

#include <QSet>

namespace Confab::Client {

PresenceStore::PresenceStore(RealtimeClient *realtime, QObject *parent)
    : QObject(parent)
{
    if (!realtime)
        return;
    connect(realtime, &RealtimeClient::onlineUsersReceived, this, &PresenceStore::setOnlineUsers);
    connect(realtime, &RealtimeClient::presenceReceived, this, [this](const PresenceEvent &event) {
        setOnline(event.userId, event.online, event.lastSeenAt);
    });
}

bool PresenceStore::isOnline(qint64 userId) const
{
    return m_entries.value(userId).online;
}

QDateTime PresenceStore::lastSeenAt(qint64 userId) const
{
    return m_entries.value(userId).lastSeenAt;
}

void PresenceStore::update(const User &user)
{
    if (user.id <= 0)
        return;
    const auto it = m_entries.constFind(user.id);
    // An object older than what we know (its lastSeenAt earlier) must not undo a PRESENCE.
    if (it != m_entries.constEnd() && it->lastSeenAt.isValid()
        && (!user.lastSeenAt.isValid() || user.lastSeenAt < it->lastSeenAt))
        return;
    setOnline(user.id, user.online, user.lastSeenAt);
}

void PresenceStore::update(const QList<Conversation> &conversations)
{
    for (const Conversation &conversation : conversations) {
        for (const Participant &participant : conversation.participants)
            update(participant.user);
    }
}

void PresenceStore::setOnline(qint64 userId, bool online, const QDateTime &lastSeenAt)
{
    Entry &entry = m_entries[userId];
    const QDateTime seen =
        lastSeenAt.isValid() && (!entry.lastSeenAt.isValid() || lastSeenAt > entry.lastSeenAt)
        ? lastSeenAt
        : entry.lastSeenAt;
    if (entry.online == online && entry.lastSeenAt == seen)
        return;
    entry.online = online;
    entry.lastSeenAt = seen;
    Q_EMIT presenceChanged(userId);
}

void PresenceStore::setOnlineUsers(const QList<qint64> &userIds)
{
    // READY is the whole truth at that moment: everyone else known is offline.
    const QSet<qint64> online(userIds.cbegin(), userIds.cend());
    const QList<qint64> known = m_entries.keys();
    for (qint64 id : known) {
        if (!online.contains(id) && m_entries.value(id).online)
            setOnline(id, false, QDateTime());
    }
    for (qint64 id : userIds)
        setOnline(id, true, QDateTime());
}

} // namespace Confab::Client
