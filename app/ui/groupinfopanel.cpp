#include "app/ui/groupinfopanel.h"

#include "app/core/apiclient.h"
#include "app/core/avatarcache.h"
#include "app/core/conversationstore.h"
#include "app/core/session.h"
#include "app/core/userdirectory.h"
#include "app/ui/avatarpainter.h"
#include "app/ui/errorlabel.h"
#include "app/ui/peoplesearch.h"
#include "app/ui/presencetext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace Confab::Ui {

namespace {
constexpr int kMaxTitle = 100;
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kMemberIcon = 32;
constexpr int kHeaderAvatar = 48;

QString nameOf(const User &user)
{
    return user.displayName.isEmpty() ? user.username : user.displayName;
}
} // namespace

GroupInfoPanel::GroupInfoPanel(qint64 conversationId, Client::Session *session,
    Client::ConversationStore *conversations, Client::UserDirectory *users,
    Client::AvatarCache *avatars, QWidget *parent)
    : QDialog(parent)
    , m_conversationId(conversationId)
    , m_session(session)
    , m_conversations(conversations)
    , m_users(users)
    , m_avatars(avatars)
{
    setObjectName(QStringLiteral("groupInfoPanel"));
    setWindowTitle(tr("Group info"));
    auto *layout = new QVBoxLayout(this);

    // Header: the group's avatar, title and size; the rename field below for admins.
    auto *header = new QHBoxLayout;
    m_avatar = new QLabel(this);
    m_avatar->setFixedSize(kHeaderAvatar, kHeaderAvatar);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("groupInfoTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_count = new QLabel(this);
    auto *titles = new QVBoxLayout;
    titles->addWidget(m_title);
    titles->addWidget(m_count);
    header->addWidget(m_avatar);
    header->addLayout(titles, 1);
    layout->addLayout(header);

    auto *renameRow = new QHBoxLayout;
    m_titleEdit = new QLineEdit(this);
    m_titleEdit->setObjectName(QStringLiteral("groupTitleEdit"));
    m_titleEdit->setAccessibleName(tr("Group title"));
    m_titleEdit->setMaxLength(kMaxTitle);
    m_rename = new QPushButton(tr("&Rename"), this);
    m_rename->setObjectName(QStringLiteral("renameGroupButton"));
    m_rename->setAccessibleName(tr("Rename group"));
    renameRow->addWidget(m_titleEdit, 1);
    renameRow->addWidget(m_rename);
    layout->addLayout(renameRow);
    connect(m_titleEdit, &QLineEdit::textChanged, this, &GroupInfoPanel::updateButtons);
    connect(m_titleEdit, &QLineEdit::returnPressed, this, &GroupInfoPanel::rename);
    connect(m_rename, &QPushButton::clicked, this, &GroupInfoPanel::rename);

    // Members and what can be done to the one selected.
    auto *membersLabel = new QLabel(tr("&Members"), this);
    m_members = new QListWidget(this);
    m_members->setObjectName(QStringLiteral("groupMembers"));
    m_members->setAccessibleName(tr("Members"));
    m_members->setIconSize(QSize(kMemberIcon, kMemberIcon));
    m_members->setSelectionMode(QAbstractItemView::SingleSelection);
    membersLabel->setBuddy(m_members);
    layout->addWidget(membersLabel);
    layout->addWidget(m_members, 1);
    auto *memberActions = new QHBoxLayout;
    m_profile = new QPushButton(tr("&Profile"), this);
    m_profile->setObjectName(QStringLiteral("memberProfileButton"));
    m_profile->setAccessibleName(tr("Show the member's profile"));
    m_role = new QPushButton(tr("Make &admin"), this);
    m_role->setObjectName(QStringLiteral("memberRoleButton"));
    // Wide enough for both of its texts, so that switching does not clip or jump.
    m_role->setMinimumWidth(m_role->fontMetrics().horizontalAdvance(tr("Remove admin"))
        + 3 * m_role->fontMetrics().height());
    m_remove = new QPushButton(tr("Re&move"), this);
    m_remove->setObjectName(QStringLiteral("removeMemberButton"));
    m_remove->setAccessibleName(tr("Remove the member from the group"));
    memberActions->addWidget(m_profile);
    memberActions->addWidget(m_role);
    memberActions->addWidget(m_remove);
    memberActions->addStretch(1);
    layout->addLayout(memberActions);
    connect(m_members, &QListWidget::currentRowChanged, this, &GroupInfoPanel::updateButtons);
    connect(m_members, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT profileRequested(item->data(kIdRole).toLongLong());
    });
    connect(m_profile, &QPushButton::clicked, this, [this] {
        if (const Participant *participant = selectedParticipant())
            Q_EMIT profileRequested(participant->user.id);
    });
    connect(m_role, &QPushButton::clicked, this, &GroupInfoPanel::toggleRole);
    connect(m_remove, &QPushButton::clicked, this, &GroupInfoPanel::removeSelected);

    // Adding people (admins).
    m_search = new PeopleSearch(session, avatars, this);
    m_search->setMaximumHeight(220);
    m_add = new QPushButton(tr("A&dd to group"), this);
    m_add->setObjectName(QStringLiteral("addMembersButton"));
    m_add->setAccessibleName(tr("Add the chosen people to the group"));
    m_addLabel = new QLabel(tr("Add people"), this);
    QFont addFont = m_addLabel->font();
    addFont.setBold(true);
    m_addLabel->setFont(addFont);
    layout->addWidget(m_addLabel);
    layout->addWidget(m_search);
    layout->addWidget(m_add, 0, Qt::AlignRight);
    connect(m_search, &PeopleSearch::selectionChanged, this, &GroupInfoPanel::updateButtons);
    connect(m_add, &QPushButton::clicked, this, &GroupInfoPanel::addChosen);

    m_error = new ErrorLabel(this);
    m_error->setObjectName(QStringLiteral("groupInfoError"));
    layout->addWidget(m_error);
    m_leave = new QPushButton(tr("&Leave group…"), this);
    m_leave->setObjectName(QStringLiteral("leaveGroupButton"));
    m_leave->setAccessibleName(tr("Leave the group"));
    layout->addWidget(m_leave, 0, Qt::AlignLeft);
    connect(m_leave, &QPushButton::clicked, this, &GroupInfoPanel::confirmLeave);

    setTabOrder(m_titleEdit, m_rename);
    setTabOrder(m_rename, m_members);
    setTabOrder(m_members, m_profile);
    setTabOrder(m_profile, m_role);
    setTabOrder(m_role, m_remove);
    setTabOrder(m_remove, m_search);
    setTabOrder(m_search, m_add);
    setTabOrder(m_add, m_leave);

    if (conversations) {
        connect(conversations, &Client::ConversationStore::changed, this, [this](int row) {
            if (m_conversations && m_conversations->at(row).id == m_conversationId)
                refresh();
        });
        connect(conversations, &Client::ConversationStore::conversationRemoved, this,
            [this](qint64 id) {
                if (id == m_conversationId)
                    close();
            });
    }
    if (users)
        connect(users, &Client::UserDirectory::userChanged, this, &GroupInfoPanel::refresh);
    if (avatars)
        connect(avatars, &Client::AvatarCache::avatarChanged, this, &GroupInfoPanel::refresh);
    setAttribute(Qt::WA_DeleteOnClose);
    resize(420, 620);
    refresh();
    if (const Conversation *group = conversation())
        m_titleEdit->setText(group->title);
}

const Conversation *GroupInfoPanel::conversation() const
{
    return m_conversations ? m_conversations->find(m_conversationId) : nullptr;
}

bool GroupInfoPanel::isAdmin() const
{
    const Conversation *group = conversation();
    if (!group || !m_session)
        return false;
    for (const Participant &participant : group->participants) {
        if (participant.user.id == m_session->user().id)
            return participant.role == ParticipantRole::Admin;
    }
    return false;
}

const Participant *GroupInfoPanel::selectedParticipant() const
{
    const Conversation *group = conversation();
    const QListWidgetItem *item = m_members->currentItem();
    if (!group || !item)
        return nullptr;
    const qint64 id = item->data(kIdRole).toLongLong();
    for (const Participant &participant : group->participants) {
        if (participant.user.id == id)
            return &participant;
    }
    return nullptr;
}

bool GroupInfoPanel::selectMember(qint64 userId)
{
    for (int row = 0; row < m_members->count(); ++row) {
        if (m_members->item(row)->data(kIdRole).toLongLong() == userId) {
            m_members->setCurrentRow(row);
            return true;
        }
    }
    return false;
}

void GroupInfoPanel::refresh()
{
    const Conversation *group = conversation();
    if (!group)
        return;
    m_title->setText(group->title);
    setWindowTitle(tr("%1 — group info").arg(group->title));
    m_avatar->setPixmap(AvatarPainter::pixmap(
        kHeaderAvatar, -group->id, group->title, QImage(), devicePixelRatioF()));
    const int size = int(group->participants.size());
    m_count->setText(size == 1 ? tr("1 member") : tr("%1 members").arg(size));

    // Admins first, then by name; the selection stays on the same person.
    QList<Participant> members = group->participants;
    std::sort(members.begin(), members.end(), [](const Participant &a, const Participant &b) {
        if (a.role != b.role)
            return a.role == ParticipantRole::Admin;
        return nameOf(a.user).localeAwareCompare(nameOf(b.user)) < 0;
    });
    const qint64 selected =
        m_members->currentItem() ? m_members->currentItem()->data(kIdRole).toLongLong() : 0;
    const qint64 self = m_session ? m_session->user().id : 0;
    m_members->clear();
    QSet<qint64> ids;
    for (const Participant &participant : std::as_const(members)) {
        const User &user = participant.user;
        ids.insert(user.id);
        // Presence through the directory: the one place to switch to a PresenceStore.
        const bool online = m_users ? m_users->isOnline(user.id) : user.online;
        const QDateTime seen = m_users ? m_users->lastSeenAt(user.id) : user.lastSeenAt;
        QString line = user.id == self ? tr("%1 (you)").arg(nameOf(user)) : nameOf(user);
        QStringList details;
        if (participant.role == ParticipantRole::Admin)
            details << tr("Admin");
        details << QStringLiteral("@") + user.username;
        details << PresenceText::describe(online, seen);
        line += QStringLiteral("\n") + details.join(QStringLiteral(" · "));
        const QImage picture =
            m_avatars ? m_avatars->avatar(user.id, user.profilePictureUrl) : QImage();
        auto *item = new QListWidgetItem(QIcon(AvatarPainter::pixmap(kMemberIcon, user.id,
                                             nameOf(user), picture, devicePixelRatioF())),
            line, m_members);
        item->setData(kIdRole, user.id);
        item->setData(Qt::AccessibleTextRole, line);
        if (user.id == selected)
            m_members->setCurrentItem(item);
    }
    m_search->setExcluded(ids);
    updateButtons();
}

void GroupInfoPanel::updateButtons()
{
    const bool admin = isAdmin();
    const Conversation *group = conversation();
    const QString typed = m_titleEdit->text().trimmed();
    m_titleEdit->setReadOnly(!admin);
    m_titleEdit->setVisible(admin);
    m_rename->setVisible(admin);
    m_rename->setEnabled(
        !m_busy && group && !typed.isEmpty() && typed.size() <= kMaxTitle && typed != group->title);

    const Participant *participant = selectedParticipant();
    const bool self = participant && m_session && participant->user.id == m_session->user().id;
    m_profile->setEnabled(participant != nullptr);
    m_role->setVisible(admin);
    m_remove->setVisible(admin);
    m_role->setEnabled(!m_busy && participant);
    const bool isMemberAdmin = participant && participant->role == ParticipantRole::Admin;
    m_role->setText(isMemberAdmin ? tr("Remove &admin") : tr("Make &admin"));
    m_role->setAccessibleName(
        isMemberAdmin ? tr("Make the member a regular member") : tr("Make the member an admin"));
    m_remove->setEnabled(!m_busy && participant && !self);
    m_search->setVisible(admin);
    m_addLabel->setVisible(admin);
    m_add->setVisible(admin);
    m_add->setEnabled(!m_busy && !m_search->selectedUsers().isEmpty());
    m_leave->setEnabled(!m_busy);
}

void GroupInfoPanel::setBusy(bool busy)
{
    m_busy = busy;
    if (busy)
        m_error->clearError();
    updateButtons();
}

void GroupInfoPanel::finished(const Result<Conversation> &result)
{
    setBusy(false);
    if (!result) {
        m_error->showError(result.error().message);
        return;
    }
    if (m_conversations)
        m_conversations->apply(*result);
}

void GroupInfoPanel::rename()
{
    if (!m_rename->isEnabled() || !m_rename->isVisible())
        return;
    setBusy(true);
    doRename(m_titleEdit->text().trimmed());
}

QCoro::Task<> GroupInfoPanel::doRename(QString title)
{
    if (!m_session)
        co_return;
    QPointer<GroupInfoPanel> self(this);
    auto task = m_session->api().renameConversation(m_conversationId, title);
    const Result<Conversation> result = co_await task;
    if (self)
        finished(result);
}

void GroupInfoPanel::toggleRole()
{
    const Participant *participant = selectedParticipant();
    if (!participant || m_busy)
        return;
    const ParticipantRole role = participant->role == ParticipantRole::Admin
        ? ParticipantRole::Member
        : ParticipantRole::Admin;
    setBusy(true);
    doSetRole(participant->user.id, role);
}

QCoro::Task<> GroupInfoPanel::doSetRole(qint64 userId, ParticipantRole role)
{
    if (!m_session)
        co_return;
    QPointer<GroupInfoPanel> self(this);
    auto task = m_session->api().setParticipantRole(m_conversationId, userId, role);
    const Result<Conversation> result = co_await task;
    if (self)
        finished(result);
}

void GroupInfoPanel::removeSelected()
{
    const Participant *participant = selectedParticipant();
    if (!participant || m_busy)
        return;
    setBusy(true);
    doRemove(participant->user.id);
}

QCoro::Task<> GroupInfoPanel::doRemove(qint64 userId)
{
    if (!m_session)
        co_return;
    QPointer<GroupInfoPanel> self(this);
    const bool leaving = userId == m_session->user().id;
    auto task = m_session->api().removeParticipant(m_conversationId, userId);
    const Result<void> result = co_await task;
    if (!self)
        co_return;
    setBusy(false);
    if (!result) {
        m_error->showError(result.error().message);
        co_return;
    }
    if (leaving && m_conversations)
        m_conversations->drop(m_conversationId); // also closes this panel
}

void GroupInfoPanel::addChosen()
{
    const QList<User> chosen = m_search->selectedUsers();
    if (chosen.isEmpty() || m_busy)
        return;
    QList<qint64> ids;
    for (const User &user : chosen)
        ids.append(user.id);
    setBusy(true);
    doAdd(ids);
}

QCoro::Task<> GroupInfoPanel::doAdd(QList<qint64> userIds)
{
    if (!m_session)
        co_return;
    QPointer<GroupInfoPanel> self(this);
    for (const qint64 userId : userIds) {
        auto task = m_session->api().addParticipant(m_conversationId, userId);
        const Result<Conversation> result = co_await task;
        if (!self)
            co_return;
        if (!result) {
            finished(result);
            co_return;
        }
        if (m_conversations)
            m_conversations->apply(*result);
    }
    setBusy(false);
    m_search->reset();
}

void GroupInfoPanel::confirmLeave()
{
    if (m_busy || m_confirm)
        return;
    const Conversation *group = conversation();
    m_confirm = new QMessageBox(QMessageBox::Question, tr("Leave group"),
        tr("Leave “%1”? You will no longer see its messages.")
            .arg(group ? group->title : QString()),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    m_confirm->setObjectName(QStringLiteral("leaveConfirmation"));
    m_confirm->button(QMessageBox::Yes)->setText(tr("&Leave"));
    m_confirm->setDefaultButton(QMessageBox::Cancel);
    m_confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_confirm, &QMessageBox::finished, this, [this](int result) {
        if (result != QMessageBox::Yes || !m_session)
            return;
        setBusy(true);
        doRemove(m_session->user().id);
    });
    m_confirm->open();
}

} // namespace Confab::Ui
