#include "app/core/userdirectory.h"

#include "app/core/apiclient.h"
#include "app/core/conversationstore.h"
#include "app/core/logging.h"
#include "app/core/presencestore.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"

namespace Confab::Client {

UserDirectory::UserDirectory(
    Session *session, RealtimeClient *realtime, ConversationStore *conversations, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    if (session)
        insert(session->user());
    if (realtime)
        connect(realtime, &RealtimeClient::userUpdated, this, &UserDirectory::insert);
    if (conversations) {
        for (int row = 0; row < conversations->count(); ++row)
            seedFrom(conversations, row);
        connect(conversations, &ConversationStore::inserted, this,
            [this, conversations](int row) { seedFrom(conversations, row); });
        connect(conversations, &ConversationStore::changed, this,
            [this, conversations](int row) { seedFrom(conversations, row); });
    }
}

void UserDirectory::seedFrom(ConversationStore *conversations, int row)
{
    for (const Participant &participant : conversations->at(row).participants)
        insert(participant.user);
}

std::optional<User> UserDirectory::cached(qint64 id) const
{
    const auto it = m_users.constFind(id);
    if (it == m_users.constEnd())
        return std::nullopt;
    return *it;
}

std::optional<User> UserDirectory::user(qint64 id)
{
    std::optional<User> known = cached(id);
    if (!known && id > 0 && !m_fetching.contains(id))
        fetch(id);
    return known;
}

void UserDirectory::insert(const User &user)
{
    if (user.id <= 0)
        return;
    const auto it = m_users.constFind(user.id);
    if (it != m_users.constEnd() && *it == user)
        return;
    m_users.insert(user.id, user);
    if (m_presence)
        m_presence->update(user);
    if (m_session && user.id == m_session->user().id)
        m_session->updateUser(user);
    Q_EMIT userChanged(user.id);
}

void UserDirectory::setPresenceStore(PresenceStore *presence)
{
    if (m_presence)
        disconnect(m_presence, nullptr, this, nullptr);
    m_presence = presence;
    if (!presence)
        return;
    for (const User &user : std::as_const(m_users))
        presence->update(user);
    connect(presence, &PresenceStore::presenceChanged, this, [this](qint64 id) {
        if (m_users.contains(id))
            Q_EMIT userChanged(id);
    });
}

bool UserDirectory::isOnline(qint64 id) const
{
    if (m_presence)
        return m_presence->isOnline(id);
    const auto it = m_users.constFind(id);
    return it != m_users.constEnd() && it->online;
}

QDateTime UserDirectory::lastSeenAt(qint64 id) const
{
    if (m_presence)
        return m_presence->lastSeenAt(id);
    const auto it = m_users.constFind(id);
    return it == m_users.constEnd() ? QDateTime() : it->lastSeenAt;
}

QCoro::Task<> UserDirectory::fetch(qint64 id)
{
    if (!m_session)
        co_return;
    QPointer<UserDirectory> self(this);
    m_fetching.insert(id);
    auto task = m_session->api().user(id);
    const Result<User> user = co_await task;
    if (!self)
        co_return;
    m_fetching.remove(id);
    if (user) {
        insert(*user);
    } else {
        qCInfo(lcMessages) << "could not fetch user" << id << user.error().code;
        Q_EMIT fetchFailed(id, user.error());
    }
}

} // namespace Confab::Client
