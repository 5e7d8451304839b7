#include "app/core/typingstore.h"

#include "app/core/realtimeclient.h"

#include <QTimer>

namespace Confab::Client {

TypingStore::TypingStore(RealtimeClient *realtime, QObject *parent)
    : QObject(parent)
{
    if (!realtime)
        return;
    connect(realtime, &RealtimeClient::typingReceived, this, [this](const TypingEvent &event) {
        setTyping(event.conversationId, event.userId, event.isTyping);
    });
    connect(realtime, &RealtimeClient::messageCreated, this, [this](const Message &message) {
        setTyping(message.conversationId, message.senderId, false);
    });
    connect(realtime, &RealtimeClient::presenceReceived, this, [this](const PresenceEvent &event) {
        if (!event.online)
            clearUser(event.userId);
    });
}

QList<qint64> TypingStore::typists(qint64 conversationId) const
{
    return m_typists.value(conversationId);
}

void TypingStore::setTyping(qint64 conversationId, qint64 userId, bool typing)
{
    const Key key {conversationId, userId};
    QTimer *timer = m_timers.value(key);
    if (!typing) {
        if (!timer)
            return;
        delete m_timers.take(key);
        m_typists[conversationId].removeOne(userId);
        if (m_typists.value(conversationId).isEmpty())
            m_typists.remove(conversationId);
        Q_EMIT typistsChanged(conversationId);
        return;
    }
    if (timer) {
        timer->start(m_timeout); // news: the indicator lives on
        return;
    }
    timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this,
        [this, conversationId, userId] { setTyping(conversationId, userId, false); });
    timer->start(m_timeout);
    m_timers.insert(key, timer);
    m_typists[conversationId].append(userId);
    Q_EMIT typistsChanged(conversationId);
}

void TypingStore::clearUser(qint64 userId)
{
    const QList<Key> keys = m_timers.keys();
    for (const Key &key : keys) {
        if (key.userId == userId)
            setTyping(key.conversationId, userId, false);
    }
}

} // namespace Confab::Client
