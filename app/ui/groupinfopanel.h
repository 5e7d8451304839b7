#pragma once

#include "common/conversation.h"

#include <QCoroTask>
#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QListWidget;
class QMessageBox;
class QPushButton;

namespace Confab::Client {
class AvatarCache;
class ConversationStore;
class Session;
class UserDirectory;
} // namespace Confab::Client

namespace Confab::Ui {

class ErrorLabel;
class PeopleSearch;

/// A group's details, kept live from the ConversationStore: its title (admins rename it in
/// place), the members with their role and presence, and what admins may do (add, remove,
/// promote, demote); anyone may leave, after confirming. Closes itself when the user is no
/// longer in the group.
class GroupInfoPanel : public QDialog
{
    Q_OBJECT
public:
    GroupInfoPanel(qint64 conversationId, Client::Session *session,
        Client::ConversationStore *conversations, Client::UserDirectory *users,
        Client::AvatarCache *avatars, QWidget *parent = nullptr);

    qint64 conversationId() const { return m_conversationId; }
    bool isAdmin() const;

    // For tests and keyboard shortcuts: the controls.
    QLineEdit *titleEdit() const { return m_titleEdit; }
    QPushButton *renameButton() const { return m_rename; }
    QListWidget *memberList() const { return m_members; }
    QPushButton *roleButton() const { return m_role; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *leaveButton() const { return m_leave; }
    PeopleSearch *search() const { return m_search; }
    ErrorLabel *errorLabel() const { return m_error; }
    /// Selects the member row of `userId`; false when not a member.
    bool selectMember(qint64 userId);

Q_SIGNALS:
    void profileRequested(qint64 userId);

private:
    const Conversation *conversation() const;
    const Participant *selectedParticipant() const;
    void refresh();
    void updateButtons();
    void rename();
    void toggleRole();
    void removeSelected();
    void addChosen();
    void confirmLeave();

    QCoro::Task<> doRename(QString title);
    QCoro::Task<> doSetRole(qint64 userId, ParticipantRole role);
    QCoro::Task<> doRemove(qint64 userId);
    QCoro::Task<> doAdd(QList<qint64> userIds);
    void finished(const Result<Conversation> &result);
    void setBusy(bool busy);

    qint64 m_conversationId;
    QPointer<Client::Session> m_session;
    QPointer<Client::ConversationStore> m_conversations;
    QPointer<Client::UserDirectory> m_users;
    QPointer<Client::AvatarCache> m_avatars;

    QLabel *m_avatar;
    QLabel *m_title;
    QLineEdit *m_titleEdit;
    QPushButton *m_rename;
    QLabel *m_count;
    QListWidget *m_members;
    QPushButton *m_profile;
    QPushButton *m_role;
    QPushButton *m_remove;
    QPushButton *m_add;
    QLabel *m_addLabel;
    PeopleSearch *m_search;
    QPushButton *m_leave;
    ErrorLabel *m_error;
    QPointer<QMessageBox> m_confirm;
    bool m_busy = false;
};

} // namespace Confab::Ui
