#include "app/ui/mainwindow.h"

#include "app/core/conversationlistmodel.h"
#include "app/core/conversationstore.h"
#include "app/core/messagelistmodel.h"
#include "app/core/messagestore.h"
#include "app/core/realtimeclient.h"
#include "app/core/session.h"
#include "app/ui/composer.h"
#include "app/ui/conversationdelegate.h"
#include "app/ui/messagedelegate.h"
#include "app/ui/messagehistoryproxy.h"

#include <QAction>
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
} // namespace

MainWindow::MainWindow(Session *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_realtime(new RealtimeClient(session, this))
    , m_conversations(new ConversationStore(session, m_realtime, this))
    , m_conversationModel(new ConversationListModel(m_conversations, session->user().id, this))
    , m_filterModel(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    updateWindowTitle();

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
    m_conversationView->setItemDelegate(new ConversationDelegate(m_conversationView));
    m_conversationView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_conversationView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_conversationView->setUniformItemSizes(true);
    connect(m_conversationView->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) { showConversation(current); });
    leftLayout->addWidget(me);
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
    m_title = new QLabel(chat);
    m_title->setObjectName(QStringLiteral("conversationTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    m_title->setFont(titleFont);
    m_subtitle = new QLabel(chat);
    m_subtitle->setObjectName(QStringLiteral("conversationSubtitle"));
    m_subtitle->setEnabled(false);
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
    connect(m_messageView->verticalScrollBar(), &QScrollBar::valueChanged, this,
        &MainWindow::maybeFetchOlder);
    connect(m_messageView->verticalScrollBar(), &QScrollBar::rangeChanged, this,
        &MainWindow::maybeFetchOlder);
    connect(m_messageView, &QListView::doubleClicked, this, [this](const QModelIndex &index) {
        if (m_messages
            && index.data(MessageListModel::StateRole).toInt() == MessageListModel::Failed)
            m_messages->retry(index.data(MessageListModel::ClientMessageIdRole).toString());
    });

    m_composer = new Composer(chat);
    auto *send = new QPushButton(tr("Send"), chat);
    send->setObjectName(QStringLiteral("sendButton"));
    send->setAccessibleName(tr("Send message"));
    connect(send, &QPushButton::clicked, m_composer, &Composer::submit);
    connect(m_composer, &Composer::submitted, this, &MainWindow::sendMessage);
    auto *composerRow = new QHBoxLayout;
    composerRow->addWidget(m_composer);
    composerRow->addWidget(send, 0, Qt::AlignBottom);

    chatLayout->addWidget(m_title);
    chatLayout->addWidget(m_subtitle);
    chatLayout->addWidget(m_messageView, 1);
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
    auto *signOut = account->addAction(tr("Sign &out"));
    signOut->setObjectName(QStringLiteral("signOutAction"));
    connect(signOut, &QAction::triggered, this, &MainWindow::signOutRequested);
    auto *quit = account->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    setTabOrder(m_filter, m_conversationView);
    setTabOrder(m_conversationView, m_messageView);
    setTabOrder(m_messageView, m_composer);
    setTabOrder(m_composer, send);

    connect(m_conversations, &ConversationStore::changed, this, &MainWindow::onConversationChanged);
    connect(m_realtime, &RealtimeClient::stateChanged, this, &MainWindow::updateConnectionStatus);
    resize(960, 640);

    m_conversations->load();
    m_realtime->start();
    updateConnectionStatus();
}

MainWindow::~MainWindow()
{
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
    const Conversation &conversation = m_conversations->at(row);
    m_currentId = id;

    const QString title = index.data(ConversationListModel::TitleRole).toString();
    m_title->setText(title);
    m_currentTitle = title;
    updateWindowTitle();
    QHash<qint64, QString> names;
    for (const Participant &participant : conversation.participants) {
        names.insert(participant.user.id, nameOf(participant.user));
    }
    const bool group = conversation.type == ConversationType::Group;
    const int members = int(conversation.participants.size());
    QString subtitle = tr("%n member(s)", nullptr, members);
    if (!group) {
        for (const Participant &participant : conversation.participants) {
            if (participant.user.id != m_session->user().id)
                subtitle = QStringLiteral("@") + participant.user.username;
        }
    }
    m_subtitle->setText(subtitle);
    m_messageDelegate->setParticipants(names, group);

    // The new conversation's store and model replace the old ones once the view holds them.
    MessageStore *oldStore = m_messages;
    QAbstractItemModel *oldModel = m_messageModel;
    QAbstractItemModel *oldProxy = m_history;
    m_messages = new MessageStore(id, m_session, m_realtime, this);
    m_messageModel = new MessageListModel(m_messages, this);
    m_history = new MessageHistoryProxy(this);
    m_history->setSourceModel(m_messageModel);
    m_historyEnabled = false;
    m_keepingAnchor = false;
    m_wasAtBottom = true;
    m_messageView->setModel(m_history);
    delete oldProxy;
    delete oldModel;
    delete oldStore;

    connect(m_history, &QAbstractItemModel::rowsAboutToBeInserted, this,
        [this](const QModelIndex &, int first) {
            const QScrollBar *bar = m_messageView->verticalScrollBar();
            m_wasAtBottom = isAtBottom();
            if (first == 0 && m_history->rowCount() > 0) {
                m_distanceFromBottom = bar->maximum() - bar->value();
                m_keepingAnchor = true;
            }
        });
    connect(m_history, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &, int first, int last) {
            if (first == 0 && last + 1 < m_history->rowCount()) {
                // Older messages went on top: keep the messages that were on screen there.
                QTimer::singleShot(0, m_messageView, [this] {
                    m_messageView->doItemsLayout();
                    QScrollBar *bar = m_messageView->verticalScrollBar();
                    bar->setValue(bar->maximum() - m_distanceFromBottom);
                    m_keepingAnchor = false;
                });
            } else if (m_wasAtBottom) {
                QTimer::singleShot(0, m_messageView, [this] { m_messageView->scrollToBottom(); });
            }
        });
    connect(m_messages, &MessageStore::loadedChanged, this, [this] {
        QTimer::singleShot(0, m_messageView, [this] {
            m_messageView->scrollToBottom();
            m_historyEnabled = true;
            maybeFetchOlder();
        });
    });

    m_stack->setCurrentIndex(1);
    m_messages->open();
    m_conversations->markRead(id);
    m_composer->setFocus();
}

void MainWindow::onConversationChanged(int row)
{
    // A message in the open conversation is read as it arrives.
    const Conversation &conversation = m_conversations->at(row);
    if (conversation.id == m_currentId && conversation.unreadCount > 0 && isActiveWindow())
        m_conversations->markRead(conversation.id);
}

void MainWindow::sendMessage(const QString &text)
{
    if (!m_messages)
        return;
    m_wasAtBottom = true; // one's own message is always brought into view
    m_messages->send(text);
    m_messageView->scrollToBottom();
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
