#include "app/ui/mainwindow.h"

#include "app/core/avatarcache.h"
#include "app/core/conversationlistmodel.h"
#include "app/core/conversationstore.h"
#include "app/core/messagelistmodel.h"
#include "app/core/messagestore.h"
#include "app/core/presencestore.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"
#include "app/core/typingnotifier.h"
#include "app/core/typingstore.h"
#include "app/core/userdirectory.h"
#include "app/ui/avatarpainter.h"
#include "app/ui/composer.h"
#include "app/ui/conversationdelegate.h"
#include "app/ui/conversationheader.h"
#include "app/ui/editingbar.h"
#include "app/ui/groupinfopanel.h"
#include "app/ui/messageactions.h"
#include "app/ui/messagedelegate.h"
#include "app/ui/messagehistoryproxy.h"
#include "app/ui/newconversationdialog.h"
#include "app/ui/profiledialog.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace Confab::Ui {

using namespace Client;

namespace {
QString nameOf(const User &user)
{
    return user.displayName.isEmpty() ? user.username : user.displayName;
}

constexpr int kReadDelayMs = 400;
} // namespace

MainWindow::MainWindow(Session *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_realtime(new RealtimeClient(session, this))
    , m_conversations(new ConversationStore(session, m_realtime, this))
    , m_conversationModel(new ConversationListModel(m_conversations, session->user().id, this))
    , m_filterModel(new QSortFilterProxyModel(this))
    , m_presence(new PresenceStore(m_realtime, this))
    , m_typing(new TypingStore(m_realtime, this))
    , m_typingNotifier(new TypingNotifier(m_realtime, this))
    , m_users(new UserDirectory(session, m_realtime, m_conversations, this))
    , m_avatars(new AvatarCache(session, this))
    , m_readTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    updateWindowTitle();
    m_conversationModel->setPresenceStore(m_presence);
    m_users->setPresenceStore(m_presence);

    // Left: who am I, the filter, the conversations.
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(6, 6, 0, 6);
    auto *me = new QLabel(tr("Signed in as %1").arg(nameOf(session->user())), left);
    me->setObjectName(QStringLiteral("selfLabel"));
    m_filter = new QLineEdit(left);
    m_filter->setObjectName(QStringLiteral("conversationFilter"));
    m_filter->setPlaceholderText(tr("Search conversations"));
    m_filter->setAccessibleName(tr("Search conversations"));
    m_filter->setClearButtonEnabled(true);
    m_filterModel->setSourceModel(m_conversationModel);
    m_filterModel->setFilterRole(ConversationListModel::TitleRole);
    m_filterModel->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_filter, &QLineEdit::textChanged, m_filterModel,
        &QSortFilterProxyModel::setFilterFixedString);
    m_conversationView = new QListView(left);
    m_conversationView->setObjectName(QStringLiteral("conversationList"));
    m_conversationView->setAccessibleName(tr("Conversations"));
    m_conversationView->setModel(m_filterModel);
    auto *conversationDelegate = new ConversationDelegate(m_conversationView);
    conversationDelegate->setAvatars(m_avatars);
    m_conversationView->setItemDelegate(conversationDelegate);
    connect(m_avatars, &AvatarCache::avatarChanged, m_conversationView->viewport(),
        qOverload<>(&QWidget::update));
    m_conversationView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_conversationView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_conversationView->setUniformItemSizes(true);
    connect(m_conversationView->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) { showConversation(current); });
    auto *newConversation = new QPushButton(tr("New conversation"), left);
    newConversation->setObjectName(QStringLiteral("newConversationButton"));
    newConversation->setAccessibleName(tr("New conversation"));
    newConversation->setToolTip(tr("Start a chat or create a group (Ctrl+N)"));
    connect(newConversation, &QPushButton::clicked, this, &MainWindow::showNewConversation);
    leftLayout->addWidget(me);
    leftLayout->addWidget(newConversation);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_conversationView);

    // Right: a placeholder, or the open conversation.
    m_stack = new QStackedWidget(this);
    auto *placeholder = new QLabel(tr("Select a conversation to start chatting."), m_stack);
    placeholder->setObjectName(QStringLiteral("placeholder"));
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setEnabled(false);
    m_stack->addWidget(placeholder);

    auto *chat = new QWidget(m_stack);
    auto *chatLayout = new QVBoxLayout(chat);
    chatLayout->setContentsMargins(0, 6, 6, 6);
    m_header = new ConversationHeader(m_presence, m_typing, session->user().id, chat);
    m_header->setObjectName(QStringLiteral("conversationHeader"));
    m_headerAvatar = new QLabel(chat);
    m_headerAvatar->setObjectName(QStringLiteral("conversationAvatar"));
    m_headerAvatar->setFixedSize(40, 40);
    auto *info = new QPushButton(tr("Info"), chat);
    info->setObjectName(QStringLiteral("conversationInfoButton"));
    info->setAccessibleName(tr("Conversation details"));
    info->setToolTip(tr("Members and settings, or the other person's profile"));
    connect(info, &QPushButton::clicked, this, &MainWindow::showConversationInfo);
    m_messageView = new QListView(chat);
    m_messageView->setObjectName(QStringLiteral("messageList"));
    m_messageView->setAccessibleName(tr("Messages"));
    m_messageView->setResizeMode(QListView::Adjust);
    m_messageView->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_messageView->setSelectionMode(QAbstractItemView::NoSelection);
    m_messageView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_messageView->setWordWrap(true);
    m_messageView->setFrameShape(QFrame::NoFrame);
    m_messageDelegate = new MessageDelegate(m_messageView);
    m_messageDelegate->setSelfId(session->user().id);
    m_messageView->setItemDelegate(m_messageDelegate);
    m_messageView->installEventFilter(this);
    connect(m_messageDelegate, &MessageDelegate::senderClicked, this, &MainWindow::showProfile);
    connect(m_avatars, &AvatarCache::avatarChanged, m_messageView->viewport(),
        qOverload<>(&QWidget::update));
    connect(m_messageView->verticalScrollBar(), &QScrollBar::valueChanged, this,
        &MainWindow::onScrolled);
    connect(m_messageView->verticalScrollBar(), &QScrollBar::rangeChanged, this, [this] {
        // Content grew or shrank (new rows, edits, resizing): stay at the bottom when there.
        if (m_stickToBottom && !m_keepingAnchor)
            m_messageView->verticalScrollBar()->setValue(
                m_messageView->verticalScrollBar()->maximum());
        maybeFetchOlder();
    });
    connect(m_messageView, &QListView::clicked, this, [this](const QModelIndex &index) {
        if (m_messages
            && index.data(MessageListModel::StateRole).toInt() == MessageListModel::Failed)
            m_messages->retry(index.data(MessageListModel::ClientMessageIdRole).toString());
    });

    // Over the messages: "Loading…" at the top while an older page loads, and a button to
    // jump to new messages that arrived while scrolled up.
    m_loadingOlder = new QLabel(tr("Loading…"), m_messageView);
    m_loadingOlder->setObjectName(QStringLiteral("loadingOlder"));
    m_loadingOlder->setAlignment(Qt::AlignCenter);
    m_loadingOlder->setAutoFillBackground(true);
    m_loadingOlder->setMargin(4);
    m_loadingOlder->hide();
    m_newMessagesButton = new QPushButton(m_messageView);
    m_newMessagesButton->setObjectName(QStringLiteral("newMessagesButton"));
    m_newMessagesButton->setAccessibleName(tr("Go to new messages"));
    m_newMessagesButton->setCursor(Qt::PointingHandCursor);
    m_newMessagesButton->hide();
    connect(m_newMessagesButton, &QPushButton::clicked, this, [this] {
        m_messageView->scrollToBottom();
        m_newMessages = 0;
        updateNewMessagesButton();
    });

    m_actions = new MessageActions(m_messageView, session->user().id, this);
    connect(m_actions, &MessageActions::editRequested, this, &MainWindow::startEditing);
    connect(m_actions, &MessageActions::deleteConfirmed, this, [this](qint64 id) {
        if (m_messages)
            m_messages->remove(id);
    });
    connect(m_actions, &MessageActions::retryRequested, this, [this](const QString &clientId) {
        if (m_messages)
            m_messages->retry(clientId);
    });

    m_notice = new QLabel(chat);
    m_notice->setObjectName(QStringLiteral("chatNotice"));
    m_notice->setWordWrap(true);
    m_notice->hide();
    m_editingBar = new EditingBar(chat);

    m_composer = new Composer(chat);
    auto *send = new QPushButton(tr("Send"), chat);
    send->setObjectName(QStringLiteral("sendButton"));
    send->setAccessibleName(tr("Send message"));
    connect(send, &QPushButton::clicked, m_composer, &Composer::submit);
    connect(m_composer, &Composer::submitted, this, &MainWindow::sendMessage);
    connect(m_composer, &Composer::editSubmitted, this, [this](qint64 id, const QString &text) {
        m_notice->hide();
        if (m_messages)
            m_messages->edit(id, text);
    });
    connect(m_composer, &Composer::editLastRequested, this, &MainWindow::editLastMessage);
    connect(m_composer, &Composer::editingChanged, this, [this, send](bool editing) {
        if (!editing)
            m_editingBar->hide();
        send->setText(editing ? tr("Save") : tr("Send"));
        send->setAccessibleName(editing ? tr("Save edited message") : tr("Send message"));
    });
    connect(m_composer, &Composer::typed, m_typingNotifier, &TypingNotifier::keystroke);
    connect(m_composer, &Composer::typingEnded, m_typingNotifier, &TypingNotifier::stop);
    connect(m_editingBar, &EditingBar::cancelRequested, m_composer, [this] {
        m_composer->cancelEdit();
        m_composer->setFocus();
    });
    auto *composerRow = new QHBoxLayout;
    composerRow->addWidget(m_composer);
    composerRow->addWidget(send, 0, Qt::AlignBottom);

    auto *headerRow = new QHBoxLayout;
    headerRow->addWidget(m_headerAvatar, 0, Qt::AlignTop);
    headerRow->addWidget(m_header, 1);
    headerRow->addWidget(info, 0, Qt::AlignTop);
    chatLayout->addLayout(headerRow);
    chatLayout->addWidget(m_messageView, 1);
    chatLayout->addWidget(m_notice);
    chatLayout->addWidget(m_editingBar);
    chatLayout->addLayout(composerRow);
    m_stack->addWidget(chat);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({300, 600});
    setCentralWidget(splitter);

    auto *account = menuBar()->addMenu(tr("&Account"));
    auto *startConversation = account->addAction(tr("&New conversation…"));
    startConversation->setObjectName(QStringLiteral("newConversationAction"));
    startConversation->setShortcut(QKeySequence::New);
    connect(startConversation, &QAction::triggered, this, &MainWindow::showNewConversation);
    auto *profile = account->addAction(tr("&Profile…"));
    profile->setObjectName(QStringLiteral("profileAction"));
    connect(profile, &QAction::triggered, this,
        [this] { showProfile(m_session ? m_session->user().id : 0); });
    auto *signOut = account->addAction(tr("Sign &out"));
    signOut->setObjectName(QStringLiteral("signOutAction"));
    connect(signOut, &QAction::triggered, this, &MainWindow::signOutRequested);
    auto *quit = account->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    setTabOrder(newConversation, m_filter);
    setTabOrder(m_filter, m_conversationView);
    setTabOrder(m_conversationView, info);
    setTabOrder(info, m_messageView);
    setTabOrder(m_messageView, m_composer);
    setTabOrder(m_composer, send);

    m_readTimer->setSingleShot(true);
    m_readTimer->setInterval(kReadDelayMs);
    connect(m_readTimer, &QTimer::timeout, this, &MainWindow::markReadNow);

    // Presence of everyone in the user's conversations comes with the conversations.
    connect(m_conversations, &ConversationStore::inserted, this,
        [this](int row) { m_presence->update(QList<Conversation> {m_conversations->at(row)}); });
    connect(m_conversations, &ConversationStore::changed, this, &MainWindow::onConversationChanged);
    connect(m_conversations, &ConversationStore::conversationRemoved, this,
        &MainWindow::onConversationRemoved);
    connect(m_users, &UserDirectory::userChanged, this, [this, me](qint64 id) {
        if (m_session && id == m_session->user().id)
            me->setText(tr("Signed in as %1").arg(nameOf(m_session->user())));
    });
    connect(m_avatars, &AvatarCache::avatarChanged, this, [this] {
        if (const Conversation *open = m_conversations->find(m_currentId))
            updateHeaderAvatar(*open);
    });
    connect(m_realtime, &RealtimeClient::stateChanged, this, &MainWindow::updateConnectionStatus);
    resize(960, 640);

    m_conversations->load();
    m_realtime->start();
    updateConnectionStatus();
}

MainWindow::~MainWindow()
{
    m_typingNotifier->stop();
    m_realtime->stop();
}

bool MainWindow::openConversation(qint64 conversationId)
{
    for (int row = 0; row < m_filterModel->rowCount(); ++row) {
        const QModelIndex index = m_filterModel->index(row, 0);
        if (index.data(ConversationListModel::IdRole).toLongLong() == conversationId) {
            m_conversationView->setCurrentIndex(index);
            return true;
        }
    }
    return false;
}

void MainWindow::updateConversationDetails(const Conversation &conversation)
{
    const QModelIndex index = m_conversationModel->index(m_conversations->rowOf(conversation.id));
    const QString title = index.data(ConversationListModel::TitleRole).toString();
    m_currentTitle = title;
    updateWindowTitle();
    m_header->setConversation(conversation, title);
    QHash<qint64, QString> names;
    bool admin = false;
    for (const Participant &participant : conversation.participants) {
        names.insert(participant.user.id, nameOf(participant.user));
        if (participant.user.id == m_session->user().id)
            admin = participant.role == ParticipantRole::Admin;
    }
    const bool group = conversation.type == ConversationType::Group;
    m_messageDelegate->setParticipants(names, group);
    m_actions->setCanDeleteOthers(group && admin);
    updateHeaderAvatar(conversation);
    updateParticipants(conversation);
}

qint64 MainWindow::selfId() const
{
    return m_session ? m_session->user().id : 0;
}

void MainWindow::setUnreadTotal(int total)
{
    m_unreadTotal = total;
    updateWindowTitle();
}

void MainWindow::updateWindowTitle()
{
    const QString base =
        m_currentTitle.isEmpty() ? tr("Confab") : tr("%1 — Confab").arg(m_currentTitle);
    setWindowTitle(m_unreadTotal > 0 ? tr("%1 (%2)").arg(base).arg(m_unreadTotal) : base);
}

void MainWindow::showConversation(const QModelIndex &index)
{
    const qint64 id = index.data(ConversationListModel::IdRole).toLongLong();
    if (!index.isValid() || id == m_currentId)
        return;
    const int row = m_conversations->rowOf(id);
    if (row < 0)
        return;
    m_currentId = id;
    updateConversationDetails(m_conversations->at(row));
    m_typingNotifier->setConversation(id);
    m_composer->cancelEdit();
    m_notice->hide();
    m_newMessages = 0;
    updateNewMessagesButton();

    // The new conversation's store and model replace the old ones once the view holds them.
    MessageStore *oldStore = m_messages;
    QAbstractItemModel *oldModel = m_messageModel;
    QAbstractItemModel *oldProxy = m_history;
    m_messages = new MessageStore(id, m_session, m_realtime, this);
    m_messages->setReadByOthersUpTo(m_conversations->othersReadUpTo(id));
    m_messageModel = new MessageListModel(m_messages, this);
    m_history = new MessageHistoryProxy(this);
    m_history->setSourceModel(m_messageModel);
    m_historyEnabled = false;
    m_keepingAnchor = false;
    m_stickToBottom = true;
    m_messageView->setModel(m_history);
    delete oldProxy;
    delete oldModel;
    delete oldStore;

    connect(m_history, &QAbstractItemModel::rowsAboutToBeInserted, this,
        [this](const QModelIndex &, int first) {
            const QScrollBar *bar = m_messageView->verticalScrollBar();
            if (first == 0 && m_history->rowCount() > 0) {
                m_distanceFromBottom = bar->maximum() - bar->value();
                m_keepingAnchor = true;
            }
        });
    connect(m_history, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &, int first, int last) { onMessagesInserted(first, last); });
    connect(m_history, &QAbstractItemModel::dataChanged, this, [this] {
        // An edit or a tombstone changes a message's height: lay out again, staying at the
        // bottom when there.
        const bool bottom = isAtBottom();
        m_messageView->doItemsLayout();
        if (bottom)
            m_messageView->scrollToBottom();
    });
    connect(m_messages, &MessageStore::loadedChanged, this, [this] {
        QTimer::singleShot(0, m_messageView, [this] {
            m_messageView->scrollToBottom();
            m_historyEnabled = true;
            maybeFetchOlder();
            scheduleMarkRead();
        });
    });
    connect(m_messages, &MessageStore::loadingOlderChanged, this, [this] {
        m_loadingOlder->setVisible(m_messages->isLoadingOlder());
        placeOverlays();
    });
    connect(m_messages, &MessageStore::actionFailed, this,
        [this](qint64, const Error &error) { showNotice(error.message); });
    connect(m_messages, &MessageStore::loadFailed, this,
        [this](const Error &error) { showNotice(error.message); });

    m_stack->setCurrentIndex(1);
    m_messages->open();
    m_composer->setFocus();
}

void MainWindow::onMessagesInserted(int first, int last)
{
    if (first == 0 && last + 1 < m_history->rowCount()) {
        // Older messages went on top: keep the messages that were on screen there.
        QTimer::singleShot(0, m_messageView, [this] {
            m_messageView->doItemsLayout();
            QScrollBar *bar = m_messageView->verticalScrollBar();
            bar->setValue(bar->maximum() - m_distanceFromBottom);
            m_keepingAnchor = false;
        });
        return;
    }
    if (m_stickToBottom) {
        m_messageView->scrollToBottom();
        scheduleMarkRead();
        return;
    }
    // Scrolled up: no jump; count what others wrote, for the button.
    if (!m_messages || !m_messages->isLoaded())
        return;
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = m_history->index(row, 0);
        if (index.data(MessageListModel::SenderIdRole).toLongLong() != m_session->user().id)
            ++m_newMessages;
    }
    updateNewMessagesButton();
}

void MainWindow::updateNewMessagesButton()
{
    if (m_newMessages <= 0) {
        m_newMessagesButton->hide();
        return;
    }
    m_newMessagesButton->setText(
        m_newMessages == 1 ? tr("1 new message ↓") : tr("%1 new messages ↓").arg(m_newMessages));
    m_newMessagesButton->adjustSize();
    m_newMessagesButton->show();
    m_newMessagesButton->raise();
    placeOverlays();
}

void MainWindow::placeOverlays()
{
    const QRect area = m_messageView->rect();
    const QSize button = m_newMessagesButton->sizeHint();
    m_newMessagesButton->setGeometry(area.right() - button.width() - 24,
        area.bottom() - button.height() - 12, button.width(), button.height());
    const QSize loading = m_loadingOlder->sizeHint();
    const int width = loading.width() + 24;
    m_loadingOlder->setGeometry(area.center().x() - width / 2, 6, width, loading.height());
    m_loadingOlder->raise();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_messageView && event->type() == QEvent::Resize)
        placeOverlays();
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::ActivationChange)
        scheduleMarkRead();
}

void MainWindow::onScrolled()
{
    if (!m_keepingAnchor)
        m_stickToBottom = isAtBottom();
    maybeFetchOlder();
    if (isAtBottom() && m_newMessages > 0) {
        m_newMessages = 0;
        updateNewMessagesButton();
    }
    scheduleMarkRead();
}

void MainWindow::updateHeaderAvatar(const Conversation &conversation)
{
    const User *peer = nullptr;
    for (const Participant &participant : conversation.participants) {
        if (conversation.type != ConversationType::Group
            && participant.user.id != m_session->user().id)
            peer = &participant.user;
    }
    const QString title = conversation.type == ConversationType::Group
        ? conversation.title
        : (peer ? nameOf(*peer) : QString());
    const QImage picture = peer ? m_avatars->avatar(peer->id, peer->profilePictureUrl) : QImage();
    m_headerAvatar->setPixmap(AvatarPainter::pixmap(
        40, peer ? peer->id : -conversation.id, title, picture, devicePixelRatioF()));
}

void MainWindow::updateParticipants(const Conversation &conversation)
{
    QHash<qint64, QString> pictures;
    for (const Participant &participant : conversation.participants) {
        pictures.insert(participant.user.id, participant.user.profilePictureUrl);
    }
    m_messageDelegate->setAvatars(m_avatars, pictures);
    m_messageView->viewport()->update();
}

void MainWindow::onConversationRemoved(qint64 conversationId)
{
    if (conversationId != m_currentId)
        return;
    // Left or removed: the conversation closes.
    m_currentId = 0;
    m_conversationView->setCurrentIndex({});
    m_messageView->setModel(nullptr);
    delete std::exchange(m_history, nullptr);
    delete std::exchange(m_messageModel, nullptr);
    delete std::exchange(m_messages, nullptr);
    m_stack->setCurrentIndex(0);
    m_currentTitle.clear();
    updateWindowTitle();
}

NewConversationDialog *MainWindow::showNewConversation()
{
    auto *dialog = new NewConversationDialog(m_session, m_conversations, m_avatars, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewConversationDialog::conversationCreated, this,
        [this](qint64 id) { openConversation(id); });
    dialog->open();
    return dialog;
}

QDialog *MainWindow::showConversationInfo()
{
    const Conversation *open = m_conversations->find(m_currentId);
    if (!open)
        return nullptr;
    if (open->type == ConversationType::Direct) {
        for (const Participant &participant : open->participants) {
            if (participant.user.id != m_session->user().id)
                return showProfile(participant.user.id);
        }
        return nullptr;
    }
    if (m_groupPanel && m_groupPanel->conversationId() != m_currentId)
        m_groupPanel->close();
    if (!m_groupPanel) {
        m_groupPanel =
            new GroupInfoPanel(m_currentId, m_session, m_conversations, m_users, m_avatars, this);
        connect(m_groupPanel, &GroupInfoPanel::profileRequested, this, &MainWindow::showProfile);
    }
    m_groupPanel->show();
    m_groupPanel->raise();
    m_groupPanel->activateWindow();
    return m_groupPanel;
}

ProfileDialog *MainWindow::showProfile(qint64 userId)
{
    if (userId <= 0)
        return nullptr;
    auto *dialog = new ProfileDialog(userId, m_session, m_users, m_avatars, this);
    dialog->show();
    return dialog;
}

void MainWindow::onConversationChanged(int row)
{
    const Conversation &conversation = m_conversations->at(row);
    m_presence->update(QList<Conversation> {conversation});
    if (conversation.id != m_currentId)
        return;
    updateConversationDetails(conversation);
    if (m_messages)
        m_messages->setReadByOthersUpTo(m_conversations->othersReadUpTo(conversation.id));
    // A message in the open conversation is read as it arrives, when it is on screen.
    if (conversation.unreadCount > 0)
        scheduleMarkRead();
}

bool MainWindow::isNewestVisible() const
{
    if (!m_messages || !m_history || m_messages->newestId() == 0)
        return false;
    const int row = m_messages->rowOfId(m_messages->newestId());
    const QRect rect = m_messageView->visualRect(m_history->index(row, 0));
    return rect.isValid() && rect.intersects(m_messageView->viewport()->rect());
}

void MainWindow::scheduleMarkRead()
{
    if (m_messages && m_messages->isLoaded())
        m_readTimer->start();
}

void MainWindow::markReadNow()
{
    if (!m_messages || !isActiveWindow() || !isVisible() || !isNewestVisible())
        return;
    m_conversations->markRead(m_currentId, m_messages->newestId());
}

void MainWindow::sendMessage(const QString &text)
{
    if (!m_messages)
        return;
    m_notice->hide();
    m_stickToBottom = true; // one's own message is always brought into view
    m_newMessages = 0;
    updateNewMessagesButton();
    m_messages->send(text);
    m_messageView->scrollToBottom();
}

void MainWindow::editLastMessage()
{
    if (!m_messages)
        return;
    const qint64 id = m_messages->lastEditableOwnId();
    if (id == 0)
        return;
    startEditing(id, m_messages->at(m_messages->rowOfId(id)).message.content);
}

void MainWindow::startEditing(qint64 messageId, const QString &content)
{
    m_notice->hide();
    m_editingBar->showFor(content);
    m_composer->beginEdit(messageId, content);
}

void MainWindow::showNotice(const QString &text)
{
    m_notice->setText(text.isEmpty() ? tr("Can't reach the server.") : text);
    QPalette palette = m_notice->palette();
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    palette.setColor(
        QPalette::WindowText, dark ? QColor(0xff, 0x7b, 0x63) : QColor(0xc0, 0x1c, 0x28));
    m_notice->setPalette(palette);
    m_notice->show();
}

bool MainWindow::isAtBottom() const
{
    const QScrollBar *bar = m_messageView->verticalScrollBar();
    return bar->value() >= bar->maximum() - 8;
}

void MainWindow::maybeFetchOlder()
{
    if (!m_historyEnabled || m_keepingAnchor || !m_history || !m_history->canFetchOlder())
        return;
    const QScrollBar *bar = m_messageView->verticalScrollBar();
    if (bar->value() <= bar->minimum() + 40)
        m_history->fetchOlder();
}

void MainWindow::updateConnectionStatus()
{
    switch (m_realtime->state()) {
    case RealtimeClient::State::Connected:
    case RealtimeClient::State::Disconnected:
        statusBar()->clearMessage();
        break;
    case RealtimeClient::State::Connecting:
        statusBar()->showMessage(tr("Connecting…"));
        break;
    case RealtimeClient::State::Reconnecting:
        statusBar()->showMessage(tr("Reconnecting…"));
        break;
    }
}

} // namespace Confab::Ui
