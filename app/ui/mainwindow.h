#pragma once

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStackedWidget;

namespace Confab::Client {
class ConversationListModel;
class ConversationStore;
class MessageListModel;
class MessageStore;
class RealtimeClient;
class Session;
} // namespace Confab::Client

namespace Confab::Ui {

class Composer;
class MessageDelegate;
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
    QListView *conversationView() const { return m_conversationView; }
    qint64 selfId() const;

    /// Unread messages over all conversations, shown in the window title ("Confab (3)").
    void setUnreadTotal(int total);

Q_SIGNALS:
    void signOutRequested();

private:
    void showConversation(const QModelIndex &index);
    void onConversationChanged(int row);
    void updateConnectionStatus();
    void sendMessage(const QString &text);
    void maybeFetchOlder();
    bool isAtBottom() const;
    void updateWindowTitle();

    QPointer<Client::Session> m_session;
    Client::RealtimeClient *m_realtime;
    Client::ConversationStore *m_conversations;
    Client::ConversationListModel *m_conversationModel;
    QSortFilterProxyModel *m_filterModel;

    QLineEdit *m_filter;
    QListView *m_conversationView;
    QStackedWidget *m_stack;
    QLabel *m_title;
    QLabel *m_subtitle;
    QListView *m_messageView;
    MessageDelegate *m_messageDelegate;
    Composer *m_composer;

    qint64 m_currentId = 0;
    QString m_currentTitle;
    int m_unreadTotal = 0;
    Client::MessageStore *m_messages = nullptr;
    Client::MessageListModel *m_messageModel = nullptr;
    MessageHistoryProxy *m_history = nullptr;
    bool m_wasAtBottom = true;
    bool m_historyEnabled = false; ///< after the first page is shown at the bottom
    bool m_keepingAnchor = false; ///< older messages were prepended; no fetch until re-anchored
    int m_distanceFromBottom = 0; ///< kept while older messages are prepended
};

} // namespace Confab::Ui
