#include "app/core/typingnotifier.h"

#include "app/core/realtimeclient.h"

namespace Confab::Client {

TypingNotifier::TypingNotifier(RealtimeClient *realtime, QObject *parent)
    : QObject(parent)
    , m_realtime(realtime)
{
    m_idle.setSingleShot(true);
    m_idle.setInterval(std::chrono::milliseconds(5000));
    connect(&m_idle, &QTimer::timeout, this, &TypingNotifier::stop);
}

TypingNotifier::~TypingNotifier()
{
    stop();
}

void TypingNotifier::setIntervals(std::chrono::milliseconds repeat, std::chrono::milliseconds idle)
{
    m_repeat = repeat;
    m_idle.setInterval(idle);
}

void TypingNotifier::setConversation(qint64 conversationId)
{
    if (conversationId == m_conversationId)
        return;
    stop();
    m_conversationId = conversationId;
}

void TypingNotifier::keystroke()
{
    if (m_conversationId <= 0 || !m_realtime)
        return;
    m_idle.start();
    if (m_typing && m_sinceSent.isValid() && m_sinceSent.elapsed() < m_repeat.count())
        return;
    m_typing = true;
    m_sinceSent.start();
    m_realtime->sendTyping(m_conversationId, true);
}

void TypingNotifier::stop()
{
    m_idle.stop();
    if (!m_typing)
        return;
    m_typing = false;
    m_sinceSent.invalidate();
    if (m_realtime)
        m_realtime->sendTyping(m_conversationId, false);
}

} // namespace Confab::Client
