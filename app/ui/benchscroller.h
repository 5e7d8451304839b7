#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class QListView;

namespace Confab::Client {
class MessageStore;
}

namespace Confab::Ui {

class MainWindow;

/// Benchmark-only: opens one conversation in the real main window and scrolls its message
/// view back to the first message the way a user does, by moving the scroll bar to the
/// top, page after page. For each older page it measures the time from the store starting
/// to load it (the model's fetchMore) until the rows are in the view, the view is back on
/// the message that was on screen, and it has painted. See BenchReporter.
class BenchScroller : public QObject
{
    Q_OBJECT
public:
    BenchScroller(MainWindow *window, qint64 conversationId, QObject *parent = nullptr);

    void start();

Q_SIGNALS:
    /// The first page is shown: `ms` since start().
    void opened(double ms, int rows);
    /// An older page is shown: `ms` from the start of its loading to its first paint.
    void pageShown(double ms, int rowsAdded, int rows);
    /// The first message of the conversation is held; `rows` messages in all.
    void finished(int pages, int rows);
    void failed(const QString &why);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onLoaded();
    void onLoadingOlderChanged();
    void onRowsInserted(int first, int last);
    void onPainted();
    void step();

    QPointer<MainWindow> m_window;
    qint64 m_conversationId;
    QPointer<Client::MessageStore> m_store;
    QPointer<QListView> m_view;
    qint64 m_startNs = 0;
    qint64 m_pageStartNs = 0;
    int m_rowsAdded = 0;
    int m_pages = 0;
    int m_idleSteps = 0;
    bool m_waitingForPaint = false;
    bool m_opened = false;
    bool m_done = false;
};

} // namespace Confab::Ui
