#pragma once

#include "common/conversation.h"
#include "common/conversationrequests.h"

#include <QCoroTask>
#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Confab::Client {
class AvatarCache;
class ConversationStore;
class Session;
} // namespace Confab::Client

namespace Confab::Ui {

class ErrorLabel;
class PeopleSearch;

/// Starts a conversation: one person picked → their direct chat (the existing one if any);
/// several, or a title given → a new group. The result goes into the ConversationStore and
/// conversationCreated() names it, for the window to open it.
class NewConversationDialog : public QDialog
{
    Q_OBJECT
public:
    NewConversationDialog(Client::Session *session, Client::ConversationStore *conversations,
        Client::AvatarCache *avatars, QWidget *parent = nullptr);

    PeopleSearch *search() const { return m_search; }
    QLineEdit *titleEdit() const { return m_title; }
    QPushButton *createButton() const { return m_create; }
    ErrorLabel *errorLabel() const { return m_error; }

Q_SIGNALS:
    void conversationCreated(qint64 conversationId);

private:
    void updateState();
    void create();
    QCoro::Task<> doCreate(CreateConversationRequest request);

    QPointer<Client::Session> m_session;
    QPointer<Client::ConversationStore> m_conversations;
    PeopleSearch *m_search;
    QLabel *m_titleLabel;
    QLineEdit *m_title;
    ErrorLabel *m_error;
    QPushButton *m_create;
    bool m_busy = false;
};

} // namespace Confab::Ui
