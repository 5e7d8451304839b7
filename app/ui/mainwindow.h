#pragma once

#include "common/conversation.h"

#include <QMainWindow>
#include <QPointer>

#include "common/conversation.h"

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTimer;

namespace Confab::Client {
class AvatarCache;
class ConversationListModel;
class ConversationStore;
class MessageListModel;
class MessageStore;
class PresenceStore;
class RealtimeClient;
class Session;
class TypingNotifier;
class TypingStore;
class UserDirectory;
} // namespace Confab::Client

namespace Confab::Ui {

class Composer;
class ConversationHeader;
class EditingBar;
class MessageActions;
class GroupInfoPanel;
class MessageDelegate;
class NewConversationDialog;
class ProfileDialog;
class MessageHistoryProxy;

/// The signed-in window: conversations on the left (with a filter), the open conversation
/// on the right (header, messages, composer). It starts the session's RealtimeClient.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// `session` must be signed in and outlive the window.
    explicit MainWindow(Client::Session *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Selects and opens a conversation of the list; false when it is not (yet) listed.
    bool openConversation(qint64 conversationId);
    qint64 currentConversationId() const { return m_currentId; }

    Client::RealtimeClient *realtime() const { return m_realtime; }
    Client::ConversationStore *conversations() const { return m_conversations; }
    Client::MessageStore *messages() const { return m_messages; }
    Client::PresenceStore *presence() const { return m_presence; }
    Client::TypingStore *typing() const { return m_typing; }
    Client::TypingNotifier *typingNotifier() const { return m_typingNotifier; }

    Client::UserDirectory *users() const { return m_users; }
    Client::AvatarCache *avatars() const { return m_avatars; }

    /// The new-conversation dialog (Ctrl+N); the conversation it creates is opened.
    NewConversationDialog *showNewConversation();
    /// The open conversation's details: the group panel, or the other person's profile.
    QDialog *showConversationInfo();
    ProfileDialog *showProfile(qint64 userId);

    QListView *conversationView() const { return m_conversationView; }
    qint64 selfId() const;

    /// Unread messages over all conversations, shown in the window title ("Confab (3)").
    void setUnreadTotal(int total);

Q_SIGNALS:
    void signOutRequested();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showConversation(const QModelIndex &index);
    void onConversationChanged(int row);
    void onConversationRemoved(qint64 conversationId);
    void updateHeaderAvatar(const Conversation &conversation);
    void updateParticipants(const Conversation &conversation);
    void updateConnectionStatus();
    void sendMessage(const QString &text);
    void editLastMessage();
    void startEditing(qint64 messageId, const QString &content);
    void showNotice(const QString &text);
    void maybeFetchOlder();
    bool isAtBottom() const;
    bool isNewestVisible() const;
    void onMessagesInserted(int first, int last);
    void onScrolled();
    void updateNewMessagesButton();
    void placeOverlays();
    /// Marks the open conversation read up to its newest message once it is on screen in
    /// the active window (debounced).
    void scheduleMarkRead();
    void markReadNow();
    void updateConversationDetails(const Conversation &conversation);
    void updateWindowTitle();

    QPointer<Client::Session> m_session;
    Client::RealtimeClient *m_realtime;
    Client::ConversationStore *m_conversations;
    Client::ConversationListModel *m_conversationModel;
    QSortFilterProxyModel *m_filterModel;

    QLineEdit *m_filter;
    QListView *m_conversationView;
    QStackedWidget *m_stack;
    Client::PresenceStore *m_presence;
    Client::TypingStore *m_typing;
    Client::TypingNotifier *m_typingNotifier;
    ConversationHeader *m_header;
    Client::UserDirectory *m_users;
    Client::AvatarCache *m_avatars;
    QLabel *m_headerAvatar;
    QListView *m_messageView;
    QLabel *m_loadingOlder;
    QPushButton *m_newMessagesButton;
    int m_newMessages = 0;
    MessageActions *m_actions;
    EditingBar *m_editingBar;
    QLabel *m_notice;
    QTimer *m_readTimer;
    MessageDelegate *m_messageDelegate;
    Composer *m_composer;

    qint64 m_currentId = 0;
    QString m_currentTitle;
    int m_unreadTotal = 0;
    Client::MessageStore *m_messages = nullptr;
    Client::MessageListModel *m_messageModel = nullptr;
    MessageHistoryProxy *m_history = nullptr;
    bool m_stickToBottom = true; ///< the view follows new content (it was at the bottom)
    bool m_historyEnabled = false; ///< after the first page is shown at the bottom
    bool m_keepingAnchor = false; ///< older messages were prepended; no fetch until re-anchored
    int m_distanceFromBottom = 0; ///< kept while older messages are prepended
    QPointer<GroupInfoPanel> m_groupPanel;
};

} // namespace Confab::Ui
