#include "app/ui/newconversationdialog.h"

#include "app/core/apiclient.h"
#include "app/core/conversationstore.h"
#include "app/core/session.h"
#include "app/ui/errorlabel.h"
#include "app/ui/peoplesearch.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Confab::Ui {

namespace {
constexpr int kMaxTitle = 100;

CreateConversationRequest requestFor(const QList<User> &people, const QString &title)
{
    CreateConversationRequest request;
    for (const User &user : people)
        request.participantIds.append(user.id);
    if (!title.isEmpty())
        request.title = title;
    return request;
}
} // namespace

NewConversationDialog::NewConversationDialog(Client::Session *session,
    Client::ConversationStore *conversations, Client::AvatarCache *avatars, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_conversations(conversations)
{
    setObjectName(QStringLiteral("newConversationDialog"));
    setWindowTitle(tr("New conversation"));
    auto *layout = new QVBoxLayout(this);
    auto *hint = new QLabel(
        tr("Pick one person for a direct chat, or several and a title for a group."), this);
    hint->setWordWrap(true);
    m_search = new PeopleSearch(session, avatars, this);
    m_titleLabel = new QLabel(tr("Group &title"), this);
    m_title = new QLineEdit(this);
    m_title->setObjectName(QStringLiteral("groupTitle"));
    m_title->setAccessibleName(tr("Group title"));
    m_title->setPlaceholderText(tr("Needed for two or more people"));
    m_title->setMaxLength(kMaxTitle);
    m_titleLabel->setBuddy(m_title);
    m_error = new ErrorLabel(this);
    m_error->setObjectName(QStringLiteral("newConversationError"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_create = buttons->addButton(tr("&Start"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createConversationButton"));
    m_create->setAccessibleName(tr("Start conversation"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_create, &QPushButton::clicked, this, &NewConversationDialog::create);

    layout->addWidget(hint);
    layout->addWidget(m_search, 1);
    layout->addWidget(m_titleLabel);
    layout->addWidget(m_title);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_search, &PeopleSearch::selectionChanged, this, &NewConversationDialog::updateState);
    connect(m_title, &QLineEdit::textChanged, this, &NewConversationDialog::updateState);
    setTabOrder(m_search, m_title);
    setTabOrder(m_title, m_create);
    resize(420, 480);
    updateState();
}

void NewConversationDialog::updateState()
{
    const int people = int(m_search->selectedUsers().size());
    const bool hasTitle = !m_title->text().trimmed().isEmpty();
    const bool group = people > 1 || hasTitle;
    m_create->setEnabled(!m_busy && people > 0 && (!group || hasTitle));
    m_create->setText(group ? tr("Create &group") : tr("&Start chat"));
}

void NewConversationDialog::create()
{
    if (m_busy || !m_create->isEnabled())
        return;
    m_busy = true;
    m_error->clearError();
    m_create->setText(tr("Creating…"));
    updateState();
    doCreate(requestFor(m_search->selectedUsers(), m_title->text().trimmed()));
}

QCoro::Task<> NewConversationDialog::doCreate(CreateConversationRequest request)
{
    if (!m_session)
        co_return;
    QPointer<NewConversationDialog> self(this);
    auto task = m_session->api().createConversation(request);
    const Result<Conversation> conversation = co_await task;
    if (!self)
        co_return;
    m_busy = false;
    if (!conversation) {
        m_error->showError(conversation.error().message);
        updateState();
        co_return;
    }
    if (m_conversations)
        m_conversations->apply(*conversation);
    const qint64 id = conversation->id;
    Q_EMIT conversationCreated(id);
    accept();
}

} // namespace Confab::Ui
