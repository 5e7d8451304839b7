#include "app/ui/peoplesearch.h"

#include "app/core/apiclient.h"
#include "app/core/avatarcache.h"
#include "app/core/session.h"
#include "app/ui/avatarpainter.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QVBoxLayout>

namespace Confab::Ui {

namespace {
constexpr int kDebounceMs = 250;
constexpr int kIconSize = 28;
constexpr int kIdRole = Qt::UserRole + 1;

QString nameOf(const User &user)
{
    return user.displayName.isEmpty() ? user.username : user.displayName;
}
} // namespace

PeopleSearch::PeopleSearch(Client::Session *session, Client::AvatarCache *avatars, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_avatars(avatars)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_query = new QLineEdit(this);
    m_query->setObjectName(QStringLiteral("peopleQuery"));
    m_query->setPlaceholderText(tr("Search people by name or username"));
    m_query->setAccessibleName(tr("Search people"));
    m_query->setClearButtonEnabled(true);
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("peopleBusy"));
    m_busy->setAccessibleName(tr("Searching"));
    m_busy->setRange(0, 0); // a busy indicator
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(4);
    m_busy->setVisible(false);
    m_status = new QLabel(tr("Type a name to find people."), this);
    m_status->setObjectName(QStringLiteral("peopleStatus"));
    m_status->setWordWrap(true);
    m_results = new QListWidget(this);
    m_results->setObjectName(QStringLiteral("peopleResults"));
    m_results->setAccessibleName(tr("People found"));
    m_results->setIconSize(QSize(kIconSize, kIconSize));
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_selectedLabel = new QLabel(this);
    m_selectedLabel->setObjectName(QStringLiteral("peopleSelected"));
    m_selectedLabel->setWordWrap(true);
    layout->addWidget(m_query);
    layout->addWidget(m_busy);
    layout->addWidget(m_status);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_selectedLabel);
    setFocusProxy(m_query);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &PeopleSearch::startSearch);
    connect(m_query, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    m_query->installEventFilter(this);
    connect(m_results, &QListWidget::itemChanged, this, &PeopleSearch::onItemChanged);
    connect(m_results, &QListWidget::itemDoubleClicked, this, &PeopleSearch::toggle);
    m_results->installEventFilter(this);
    if (m_avatars) {
        connect(m_avatars, &Client::AvatarCache::avatarChanged, this, [this](qint64 id) {
            if (m_shown.contains(id))
                showResults(m_shown.values());
        });
    }
    updateSelectedLabel();
}

void PeopleSearch::toggle(QListWidgetItem *item)
{
    item->setCheckState(item->checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
}

bool PeopleSearch::eventFilter(QObject *watched, QEvent *event)
{
    if ((watched == m_results || watched == m_query) && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            if (watched == m_query) {
                m_debounce.stop();
                startSearch();
            } else if (QListWidgetItem *item = m_results->currentItem()) {
                toggle(item);
            }
            event->accept();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PeopleSearch::searchNow(const QString &text)
{
    m_query->setText(text);
    m_debounce.stop();
    startSearch();
}

void PeopleSearch::clearSelection()
{
    m_selected.clear();
    showResults(m_shown.values());
    updateSelectedLabel();
    Q_EMIT selectionChanged();
}

void PeopleSearch::reset()
{
    m_selected.clear();
    m_query->clear(); // starts the debounce, whose empty search shows the hint
    m_debounce.stop();
    startSearch();
    updateSelectedLabel();
    Q_EMIT selectionChanged();
}

void PeopleSearch::startSearch()
{
    const QString text = m_query->text().trimmed();
    ++m_generation;
    if (text.isEmpty()) {
        m_searching = false;
        m_busy->setVisible(false);
        m_shown.clear();
        m_results->clear();
        m_status->setText(tr("Type a name to find people."));
        m_status->setVisible(true);
        return;
    }
    search(text, m_generation);
}

QCoro::Task<> PeopleSearch::search(QString text, quint64 generation)
{
    if (!m_session)
        co_return;
    QPointer<PeopleSearch> self(this);
    m_searching = true;
    m_busy->setVisible(true);
    m_status->setText(tr("Searching…"));
    m_status->setVisible(true);
    auto task = m_session->api().searchUsers(text);
    const Result<QList<User>> users = co_await task;
    if (!self || generation != m_generation)
        co_return; // closed, or a newer search replaced this one
    m_searching = false;
    m_busy->setVisible(false);
    if (!users) {
        m_status->setText(users.error().message.isEmpty() ? tr("Can't reach the server.")
                                                          : users.error().message);
        m_status->setVisible(true);
        co_return;
    }
    showResults(*users);
}

void PeopleSearch::showResults(const QList<User> &users)
{
    const QSignalBlocker blocker(m_results);
    m_results->clear();
    m_shown.clear();
    for (const User &user : users) {
        if (m_excluded.contains(user.id))
            continue;
        m_shown.insert(user.id, user);
        const QImage picture =
            m_avatars ? m_avatars->avatar(user.id, user.profilePictureUrl) : QImage();
        auto *item = new QListWidgetItem(QIcon(AvatarPainter::pixmap(kIconSize, user.id,
                                             nameOf(user), picture, devicePixelRatioF())),
            tr("%1 (@%2)").arg(nameOf(user), user.username), m_results);
        item->setData(kIdRole, user.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(m_selected.contains(user.id) ? Qt::Checked : Qt::Unchecked);
    }
    if (m_shown.isEmpty()) {
        m_status->setText(tr("No one found"));
        m_status->setVisible(true);
    } else {
        m_status->setVisible(false);
    }
}

void PeopleSearch::onItemChanged(QListWidgetItem *item)
{
    const qint64 id = item->data(kIdRole).toLongLong();
    if (item->checkState() == Qt::Checked && m_shown.contains(id))
        m_selected.insert(id, m_shown.value(id));
    else
        m_selected.remove(id);
    updateSelectedLabel();
    Q_EMIT selectionChanged();
}

void PeopleSearch::updateSelectedLabel()
{
    QStringList names;
    for (const User &user : std::as_const(m_selected))
        names << nameOf(user);
    m_selectedLabel->setText(
        names.isEmpty() ? tr("No one chosen yet.") : tr("Chosen: %1").arg(names.join(tr(", "))));
}

} // namespace Confab::Ui
