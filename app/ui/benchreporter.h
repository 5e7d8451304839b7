#pragma once

#include <QFile>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <memory>

class QSocketNotifier;

namespace Confab::Ui {

class BenchScroller;
class ClientApplication;
class MainWindow;

/// Benchmark-only (docs/performance.md, "Desktop client"): when CONFAB_BENCH_REPORT names a
/// file, the app appends one JSON line per moment that confab-bench measures, each with the
/// time on the machine's monotonic clock (`monotonicNs`):
///
/// - `started`: the reporter exists (just before the client starts);
/// - `shown`: the main window is shown;
/// - `usable`: the conversation list is loaded from the server and has been painted;
/// - `idle`: CONFAB_BENCH_SETTLE_MS (default 3000) after `usable`, with the resident memory;
/// - `page`, `scrolled`: see BenchScroller, after the line `scroll` on standard input;
/// - `failed`: something did not happen (the message says what), e.g. the sign-in window
///   was shown because the session could not be resumed.
///
/// With CONFAB_BENCH_SCREENSHOTS=DIR it saves the window at `usable` and `scrolled` there.
/// After `idle` it reads commands from standard input: `scroll` opens the conversation
/// CONFAB_BENCH_OPEN and scrolls back to its first message; `quit` (or the end of input)
/// quits. Without CONFAB_BENCH_REPORT nothing of this exists.
class BenchReporter : public QObject
{
    Q_OBJECT
public:
    /// A reporter when CONFAB_BENCH_REPORT is set, else null.
    static std::unique_ptr<BenchReporter> fromEnvironment(ClientApplication *client);
    ~BenchReporter() override;

    /// Appends `{"event": event, "monotonicNs": now, ...fields}` and flushes it.
    void report(const QString &event, QJsonObject fields = {});

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    BenchReporter(const QString &path, ClientApplication *client);
    void attach(MainWindow *window);
    void onListPainted();
    void onIdle();
    void onCommand();
    /// With CONFAB_BENCH_SCREENSHOTS=DIR: the main window as it is now, as DIR/client-NAME.png.
    void saveScreenshot(const QString &name);

    QFile m_file;
    QPointer<ClientApplication> m_client;
    QPointer<MainWindow> m_window;
    QSocketNotifier *m_input = nullptr;
    QByteArray m_inputBuffer;
    BenchScroller *m_scroller = nullptr;
    bool m_usable = false;
    bool m_paintPending = false;
};

} // namespace Confab::Ui
