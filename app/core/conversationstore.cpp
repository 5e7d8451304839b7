#include "app/core/conversationstore.h"

#include "app/core/apiclient.h"
#include "app/core/cancelledrequest.h"
#include "app/core/logging.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"

namespace Confab::Client {

namespace {

/// Most recent activity first; the higher id first on equal times.
bool before(const Conversation &a, const Conversation &b)
{
    if (a.updatedAt != b.updatedAt)
        return a.updatedAt > b.updatedAt;
    return a.id > b.id;
}

} // namespace

ConversationStore::ConversationStore(Session *session, RealtimeClient *realtime, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    if (realtime) {
        connect(realtime, &RealtimeClient::conversationCreated, this, &ConversationStore::upsert);
        connect(realtime, &RealtimeClient::messageCreated, this, &ConversationStore::onMessage);
        connect(realtime, &RealtimeClient::ready, this, &ConversationStore::load);
        connect(realtime, &RealtimeClient::readReceived, this, &ConversationStore::onRead);
        connect(
            realtime, &RealtimeClient::messageUpdated, this, &ConversationStore::onMessageChanged);
        connect(
            realtime, &RealtimeClient::messageDeleted, this, &ConversationStore::onMessageDeleted);
        connect(realtime, &RealtimeClient::conversationUpdated, this,
            &ConversationStore::onConversationUpdated);
        connect(realtime, &RealtimeClient::participantAdded, this,
            &ConversationStore::onParticipantAdded);
        connect(realtime, &RealtimeClient::participantRemoved, this,
            &ConversationStore::onParticipantRemoved);
        connect(realtime, &RealtimeClient::userUpdated, this, &ConversationStore::onUserUpdated);
    }
}

int ConversationStore::rowOf(qint64 conversationId) const
{
    for (int row = 0; row < count(); ++row) {
        if (m_items.at(row).id == conversationId)
            return row;
    }
    return -1;
}

void ConversationStore::load()
{
    if (!m_session)
        return;
    if (m_loading) {
        m_loadAgain = true;
        return;
    }
    m_loading = true;
    doLoad();
}

QCoro::Task<> ConversationStore::doLoad()
{
    QPointer<ConversationStore> self(this);
    auto task =
        m_session ? m_session->api().conversations() : cancelledRequest<QList<Conversation>>();
    const Result<QList<Conversation>> list = co_await task;
    if (!self)
        co_return;
    m_loading = false;
    if (!list) {
        Q_EMIT loadFailed(list.error());
    } else {
        QSet<qint64> ids;
        for (const Conversation &conversation : *list) {
            ids.insert(conversation.id);
            upsert(conversation);
        }
        keepOnly(ids); // left or removed while away
        if (!std::exchange(m_loaded, true))
            Q_EMIT loadedChanged();
    }
    if (std::exchange(m_loadAgain, false))
        load();
}

int ConversationStore::sortedRow(const Conversation &conversation, int ignoringRow) const
{
    int row = 0;
    for (int i = 0; i < count(); ++i) {
        if (i != ignoringRow && before(m_items.at(i), conversation))
            ++row;
    }
    return row;
}

void ConversationStore::upsert(const Conversation &conversation)
{
    const int row = rowOf(conversation.id);
    if (row < 0) {
        const int at = sortedRow(conversation, -1);
        Q_EMIT aboutToInsert(at);
        m_items.insert(at, conversation);
        Q_EMIT inserted(at);
        return;
    }
    if (m_items.at(row) == conversation)
        return;
    m_items[row] = conversation;
    Q_EMIT changed(row);
    reposition(row);
}

void ConversationStore::reposition(int row)
{
    const int to = sortedRow(m_items.at(row), row);
    if (to == row)
        return;
    Q_EMIT aboutToMove(row, to);
    m_items.move(row, to);
    Q_EMIT moved(row, to);
}

void ConversationStore::onMessage(const Message &message)
{
    const int row = rowOf(message.conversationId);
    if (row < 0) {
        // A conversation we have not heard of (e.g. created while we were away).
        if (!m_fetching.contains(message.conversationId))
            fetchUnknown(message.conversationId);
        return;
    }
    Conversation &conversation = m_items[row];
    if (conversation.lastMessage && conversation.lastMessage->id >= message.id)
        return; // already counted (the list was reloaded after it)
    conversation.lastMessage = message;
    conversation.updatedAt = std::max(conversation.updatedAt, message.createdAt);
    if (m_session && message.senderId != m_session->user().id)
        ++conversation.unreadCount;
    Q_EMIT changed(row);
    reposition(row);
}

QCoro::Task<> ConversationStore::fetchUnknown(qint64 conversationId)
{
    QPointer<ConversationStore> self(this);
    m_fetching.insert(conversationId);
    auto task = m_session ? m_session->api().conversation(conversationId)
                          : cancelledRequest<Conversation>();
    const Result<Conversation> conversation = co_await task;
    if (!self)
        co_return;
    m_fetching.remove(conversationId);
    if (conversation)
        upsert(*conversation);
    else
        qCInfo(lcMessages) << "could not fetch conversation" << conversationId
                           << conversation.error().code;
}

qint64 ConversationStore::ownReadUpTo(qint64 conversationId) const
{
    const int row = rowOf(conversationId);
    if (row < 0 || !m_session)
        return 0;
    for (const Participant &participant : m_items.at(row).participants) {
        if (participant.user.id == m_session->user().id)
            return participant.lastReadMessageId;
    }
    return 0;
}

qint64 ConversationStore::othersReadUpTo(qint64 conversationId) const
{
    const int row = rowOf(conversationId);
    if (row < 0 || !m_session)
        return 0;
    qint64 upTo = 0;
    for (const Participant &participant : m_items.at(row).participants) {
        if (participant.user.id != m_session->user().id)
            upTo = std::max(upTo, participant.lastReadMessageId);
    }
    return upTo;
}

void ConversationStore::markRead(qint64 conversationId, qint64 messageId)
{
    if (!m_session || messageId <= 0 || messageId <= ownReadUpTo(conversationId)
        || messageId <= m_marking.value(conversationId))
        return;
    m_marking.insert(conversationId, messageId);
    doMarkRead(conversationId, messageId);
}

QCoro::Task<> ConversationStore::doMarkRead(qint64 conversationId, qint64 messageId)
{
    QPointer<ConversationStore> self(this);
    auto task = m_session ? m_session->api().markRead(conversationId, messageId)
                          : cancelledRequest<ReadEvent>();
    const Result<ReadEvent> marker = co_await task;
    if (!self)
        co_return;
    if (m_marking.value(conversationId) == messageId)
        m_marking.remove(conversationId);
    if (marker)
        onRead(*marker);
    else
        qCInfo(lcMessages) << "could not mark conversation" << conversationId
                           << "read:" << marker.error().code;
}

void ConversationStore::onRead(const ReadEvent &event)
{
    const int row = rowOf(event.conversationId);
    if (row < 0 || !m_session)
        return;
    Conversation &conversation = m_items[row];
    bool changedAny = false;
    for (Participant &participant : conversation.participants) {
        if (participant.user.id == event.userId
            && participant.lastReadMessageId < event.messageId) {
            participant.lastReadMessageId = event.messageId;
            changedAny = true;
        }
    }
    if (event.userId == m_session->user().id) {
        // Read on this or another device. Up to the newest message: nothing is unread.
        // Otherwise only the server can count what is left.
        if (conversation.lastMessage && event.messageId >= conversation.lastMessage->id) {
            if (conversation.unreadCount != 0) {
                conversation.unreadCount = 0;
                changedAny = true;
            }
        } else if (conversation.unreadCount > 0 && !m_fetching.contains(conversation.id)) {
            fetchUnknown(conversation.id);
        }
    }
    if (changedAny)
        Q_EMIT changed(row);
}

void ConversationStore::onMessageChanged(const Message &message)
{
    const int row = rowOf(message.conversationId);
    if (row < 0)
        return;
    Conversation &conversation = m_items[row];
    if (!conversation.lastMessage || conversation.lastMessage->id != message.id
        || *conversation.lastMessage == message)
        return;
    conversation.lastMessage = message;
    Q_EMIT changed(row);
}

void ConversationStore::onMessageDeleted(const MessageDeletedEvent &event)
{
    const int row = rowOf(event.conversationId);
    if (row < 0)
        return;
    Conversation &conversation = m_items[row];
    if (!conversation.lastMessage || conversation.lastMessage->id != event.messageId
        || conversation.lastMessage->isDeleted())
        return;
    conversation.lastMessage->content.clear();
    conversation.lastMessage->deletedAt = event.deletedAt;
    Q_EMIT changed(row);
}

const Conversation *ConversationStore::find(qint64 conversationId) const
{
    const int row = rowOf(conversationId);
    return row < 0 ? nullptr : &m_items.at(row);
}

qint64 ConversationStore::selfId() const
{
    return m_session ? m_session->user().id : 0;
}

void ConversationStore::apply(const Conversation &conversation)
{
    upsert(conversation);
}

void ConversationStore::drop(qint64 conversationId)
{
    const int row = rowOf(conversationId);
    if (row < 0)
        return;
    // Announced first, so that a view showing it closes it before its row goes (and its
    // selection does not jump to a neighbour).
    Q_EMIT conversationRemoved(conversationId);
    const int at = rowOf(conversationId);
    if (at < 0)
        return;
    Q_EMIT aboutToRemove(at);
    m_items.removeAt(at);
    Q_EMIT removed(at);
}

void ConversationStore::keepOnly(const QSet<qint64> &ids)
{
    for (int row = count() - 1; row >= 0; --row) {
        if (!ids.contains(m_items.at(row).id))
            drop(m_items.at(row).id);
    }
}

void ConversationStore::onConversationUpdated(const Conversation &conversation)
{
    const int row = rowOf(conversation.id);
    if (row < 0) {
        if (!m_fetching.contains(conversation.id))
            fetchUnknown(conversation.id);
        return;
    }
    // The event is the same for every participant: its unread count is not ours, and a
    // message that arrived after it was sent stays the last one.
    Conversation updated = conversation;
    const Conversation &held = m_items.at(row);
    updated.unreadCount = held.unreadCount;
    if (held.lastMessage
        && (!updated.lastMessage || updated.lastMessage->id < held.lastMessage->id)) {
        updated.lastMessage = held.lastMessage;
        updated.updatedAt = std::max(updated.updatedAt, held.updatedAt);
    }
    upsert(updated);
}

void ConversationStore::onParticipantAdded(
    qint64 conversationId, const User &user, ParticipantRole role)
{
    const int row = rowOf(conversationId);
    if (row < 0) {
        if (!m_fetching.contains(conversationId))
            fetchUnknown(conversationId);
        return;
    }
    Conversation &conversation = m_items[row];
    for (Participant &participant : conversation.participants) {
        if (participant.user.id == user.id) {
            participant.user = user;
            participant.role = role;
            Q_EMIT changed(row);
            return;
        }
    }
    Participant participant;
    participant.user = user;
    participant.role = role;
    conversation.participants.append(participant);
    Q_EMIT changed(row);
}

void ConversationStore::onParticipantRemoved(qint64 conversationId, qint64 userId)
{
    if (userId == selfId()) {
        drop(conversationId);
        return;
    }
    const int row = rowOf(conversationId);
    if (row < 0)
        return;
    QList<Participant> &participants = m_items[row].participants;
    const auto gone = std::remove_if(participants.begin(), participants.end(),
        [userId](const Participant &participant) { return participant.user.id == userId; });
    if (gone == participants.end())
        return;
    participants.erase(gone, participants.end());
    Q_EMIT changed(row);
}

void ConversationStore::onUserUpdated(const User &user)
{
    for (int row = 0; row < count(); ++row) {
        for (Participant &participant : m_items[row].participants) {
            if (participant.user.id == user.id && participant.user != user) {
                participant.user = user;
                Q_EMIT changed(row);
            }
        }
    }
}

} // namespace Confab::Client
