#include "app/ui/benchscroller.h"

#include "app/core/messagestore.h"
#include "app/ui/benchclock.h"
#include "app/ui/mainwindow.h"

#include <QEvent>
#include <QListView>
#include <QScrollBar>
#include <QTimer>

namespace Confab::Ui {

namespace {
/// Tries of moving the scroll bar to the top without a page starting to load (10 ms apart)
/// before the run counts as stuck.
constexpr int kMaxIdleSteps = 1000;

double msSince(qint64 startNs)
{
    return double(benchMonotonicNs() - startNs) / 1e6;
}
} // namespace

BenchScroller::BenchScroller(MainWindow *window, qint64 conversationId, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_conversationId(conversationId)
{ }

void BenchScroller::start()
{
    m_startNs = benchMonotonicNs();
    if (!m_window || !m_window->openConversation(m_conversationId)) {
        Q_EMIT failed(QStringLiteral("conversation %1 is not in the list").arg(m_conversationId));
        return;
    }
    m_store = m_window->messages();
    m_view = m_window->findChild<QListView *>(QStringLiteral("messageList"));
    if (!m_store || !m_view || !m_view->model()) {
        Q_EMIT failed(QStringLiteral("the conversation did not open"));
        return;
    }
    // Connected after the main window's own handlers, so these run after them.
    connect(m_store, &Client::MessageStore::loadedChanged, this, &BenchScroller::onLoaded);
    connect(m_store, &Client::MessageStore::loadingOlderChanged, this,
        &BenchScroller::onLoadingOlderChanged);
    connect(m_store, &Client::MessageStore::loadFailed, this,
        [this](const Error &error) { Q_EMIT failed(error.message); });
    connect(m_view->model(), &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    m_view->viewport()->installEventFilter(this);
}

void BenchScroller::onLoaded()
{
    if (!m_store || !m_store->isLoaded())
        return;
    // The main window scrolls to the bottom in a queued call; the paint after it counts.
    QTimer::singleShot(0, this, [this] {
        m_waitingForPaint = true;
        if (m_view)
            m_view->viewport()->update();
    });
}

void BenchScroller::onLoadingOlderChanged()
{
    if (!m_store)
        return;
    if (m_store->isLoadingOlder()) {
        m_pageStartNs = benchMonotonicNs();
        m_rowsAdded = 0;
        m_idleSteps = 0;
        return;
    }
    // Loaded: when the page brought no rows there is nothing to paint; go on.
    QTimer::singleShot(0, this, [this] {
        if (m_pageStartNs != 0 && m_rowsAdded == 0 && !m_waitingForPaint) {
            m_pageStartNs = 0;
            step();
        }
    });
}

void BenchScroller::onRowsInserted(int first, int last)
{
    if (first != 0 || m_pageStartNs == 0)
        return; // the first page, or a live message at the bottom
    m_rowsAdded = last - first + 1;
    // The main window puts the anchor message back in a queued call: wait for it, then for
    // the paint that shows the result.
    QTimer::singleShot(0, this, [this] {
        m_waitingForPaint = true;
        if (m_view)
            m_view->viewport()->update();
    });
}

bool BenchScroller::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint && m_waitingForPaint) {
        m_waitingForPaint = false;
        // Queued: this runs once the paint event (the filter sees it first) has been handled.
        QTimer::singleShot(0, this, &BenchScroller::onPainted);
    }
    return QObject::eventFilter(watched, event);
}

void BenchScroller::onPainted()
{
    if (!m_view)
        return;
    const int rows = m_view->model()->rowCount();
    if (!m_opened) {
        m_opened = true;
        Q_EMIT opened(msSince(m_startNs), rows);
    } else if (m_pageStartNs != 0) {
        const double ms = msSince(m_pageStartNs);
        m_pageStartNs = 0;
        ++m_pages;
        Q_EMIT pageShown(ms, m_rowsAdded, rows);
    }
    step();
}

void BenchScroller::step()
{
    if (m_done || !m_store || !m_view)
        return;
    if (m_waitingForPaint || m_pageStartNs != 0 || m_store->isLoadingOlder())
        return; // a page is on its way; its paint steps again
    if (!m_store->hasMoreBefore()) {
        m_done = true;
        Q_EMIT finished(m_pages, m_view->model()->rowCount());
        return;
    }
    // What a user does: drag the scroll bar to the top. The main window loads the older page
    // unless it is still putting the previous one in place; then try again shortly.
    QScrollBar *bar = m_view->verticalScrollBar();
    if (bar->value() == bar->minimum() && bar->maximum() > bar->minimum())
        bar->setValue(qMin(bar->maximum(), bar->minimum() + 100));
    bar->setValue(bar->minimum());
    if (m_pageStartNs != 0)
        return;
    if (++m_idleSteps > kMaxIdleSteps) {
        m_done = true;
        Q_EMIT failed(QStringLiteral("scrolling to the top loaded no older page"));
        return;
    }
    QTimer::singleShot(10, this, &BenchScroller::step);
}

} // namespace Confab::Ui
