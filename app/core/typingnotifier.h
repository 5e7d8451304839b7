#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace Confab::Client {

class RealtimeClient;

/// Tells the other participants that the user is typing: `isTyping: true` on the first
/// keystroke and again at most every 3 s while keystrokes go on, `isTyping: false` once the
/// user stops (5 s without a keystroke), sends, clears the field or leaves the conversation.
class TypingNotifier : public QObject
{
    Q_OBJECT
public:
    explicit TypingNotifier(RealtimeClient *realtime, QObject *parent = nullptr);
    ~TypingNotifier() override;

    void setIntervals(std::chrono::milliseconds repeat, std::chrono::milliseconds idle);
    /// The conversation typed in; changing it ends typing in the previous one.
    void setConversation(qint64 conversationId);
    bool isTyping() const { return m_typing; }

    /// A keystroke changed the text in the composer.
    void keystroke();
    /// The user sent or cleared the text.
    void stop();

private:
    QPointer<RealtimeClient> m_realtime;
    qint64 m_conversationId = 0;
    bool m_typing = false;
    QElapsedTimer m_sinceSent;
    QTimer m_idle;
    std::chrono::milliseconds m_repeat {3000};
};

} // namespace Confab::Client
