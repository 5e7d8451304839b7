#pragma once

#include "common/conversation.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;

namespace Confab::Client {
class PresenceStore;
class TypingStore;
} // namespace Confab::Client

namespace Confab::Ui {

/// The top of the open conversation: its title; under it "online" / "last seen 5 min ago"
/// for a direct chat or "N members, M online" for a group (refreshed live and every
/// minute); and a line saying who is typing.
class ConversationHeader : public QWidget
{
    Q_OBJECT
public:
    ConversationHeader(Client::PresenceStore *presence, Client::TypingStore *typing, qint64 selfId,
        QWidget *parent = nullptr);

    /// Shows `conversation` (again, when its participants changed) under `title`.
    void setConversation(const Conversation &conversation, const QString &title);

    QString statusText() const;
    QString typingText() const;

    /// "Alice is typing…", "Alice and Bob are typing…", "Several people are typing…".
    static QString typingLine(const QStringList &names);
    /// "online" is not handled here: "last seen just now", "… 5 min ago", "… today at 14:03",
    /// "… yesterday at 09:12", "… on <date>"; "offline" when never seen.
    static QString lastSeenLine(const QDateTime &lastSeen, const QDateTime &now);

private:
    void updateStatus();
    void updateTyping();
    QString nameOf(qint64 userId) const;

    QPointer<Client::PresenceStore> m_presence;
    QPointer<Client::TypingStore> m_typing;
    qint64 m_selfId;
    Conversation m_conversation;
    QLabel *m_title;
    QLabel *m_status;
    QLabel *m_typingLabel;
    QTimer m_minuteTimer;
};

} // namespace Confab::Ui
