#include "app/ui/benchreporter.h"

#include "app/core/conversationstore.h"
#include "app/ui/benchclock.h"
#include "app/ui/benchscroller.h"
#include "app/ui/clientapplication.h"
#include "app/ui/mainwindow.h"
#include "app/ui/signinwindow.h"

#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QSocketNotifier>
#include <QTimer>

#include <unistd.h>

namespace Confab::Ui {

namespace {

/// VmRSS of this process in KB (Linux), 0 where /proc does not say.
qint64 residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

int settleMs()
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("CONFAB_BENCH_SETTLE_MS", &ok);
    return ok && ms >= 0 ? ms : 3000;
}

} // namespace

std::unique_ptr<BenchReporter> BenchReporter::fromEnvironment(ClientApplication *client)
{
    const QString path = qEnvironmentVariable("CONFAB_BENCH_REPORT");
    if (path.isEmpty())
        return nullptr;
    return std::unique_ptr<BenchReporter>(new BenchReporter(path, client));
}

BenchReporter::BenchReporter(const QString &path, ClientApplication *client)
    : m_file(path)
    , m_client(client)
{
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append))
        qWarning("CONFAB_BENCH_REPORT: cannot write %s", qPrintable(path));
    qApp->installEventFilter(this);
    report(QStringLiteral("started"));
}

BenchReporter::~BenchReporter()
{
    qApp->removeEventFilter(this);
}

void BenchReporter::report(const QString &event, QJsonObject fields)
{
    fields.insert(QStringLiteral("event"), event);
    fields.insert(QStringLiteral("monotonicNs"), QString::number(benchMonotonicNs()));
    m_file.write(QJsonDocument(fields).toJson(QJsonDocument::Compact) + '\n');
    m_file.flush();
}

bool BenchReporter::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Show && !m_window) {
        if (auto *window = qobject_cast<MainWindow *>(watched))
            attach(window);
        else if (qobject_cast<SignInWindow *>(watched))
            report(QStringLiteral("failed"),
                QJsonObject {{QStringLiteral("message"),
                    QStringLiteral("the session was not resumed: the sign-in window is shown")}});
    } else if (event->type() == QEvent::Paint && m_paintPending && m_window
        && watched == m_window->conversationView()->viewport()) {
        m_paintPending = false;
        // Queued: this runs once the paint event (the filter sees it first) has been handled.
        QTimer::singleShot(0, this, &BenchReporter::onListPainted);
    }
    return QObject::eventFilter(watched, event);
}

void BenchReporter::attach(MainWindow *window)
{
    m_window = window;
    report(QStringLiteral("shown"));
    // From here only the conversation list's paints matter.
    qApp->removeEventFilter(this);
    window->conversationView()->viewport()->installEventFilter(this);
    Client::ConversationStore *store = window->conversations();
    auto whenLoaded = [this] {
        if (m_usable || !m_window || !m_window->conversations()->isLoaded())
            return;
        m_paintPending = true;
        m_window->conversationView()->viewport()->update();
    };
    connect(store, &Client::ConversationStore::loadedChanged, this, whenLoaded);
    connect(store, &Client::ConversationStore::loadFailed, this, [this](const Error &error) {
        report(QStringLiteral("failed"),
            QJsonObject {{QStringLiteral("message"),
                QStringLiteral("conversations: %1").arg(error.message)}});
    });
    whenLoaded();
}

void BenchReporter::onListPainted()
{
    if (m_usable || !m_window)
        return;
    m_usable = true;
    QJsonObject fields;
    fields.insert(QStringLiteral("conversations"), m_window->conversations()->count());
    fields.insert(QStringLiteral("rows"), m_window->conversationView()->model()->rowCount());
    report(QStringLiteral("usable"), fields);
    saveScreenshot(QStringLiteral("usable"));
    QTimer::singleShot(settleMs(), this, &BenchReporter::onIdle);
}

void BenchReporter::onIdle()
{
    report(QStringLiteral("idle"), QJsonObject {{QStringLiteral("rssKb"), double(residentKb())}});
    m_input = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_input, &QSocketNotifier::activated, this, &BenchReporter::onCommand);
}

void BenchReporter::onCommand()
{
    char buffer[256];
    const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (got <= 0) {
        m_input->setEnabled(false);
        QCoreApplication::quit();
        return;
    }
    m_inputBuffer.append(buffer, got);
    qsizetype newline;
    while ((newline = m_inputBuffer.indexOf('\n')) >= 0) {
        const QByteArray command = m_inputBuffer.left(newline).trimmed();
        m_inputBuffer.remove(0, newline + 1);
        if (command == "quit") {
            QCoreApplication::quit();
        } else if (command == "scroll" && !m_scroller && m_window) {
            const qint64 id = qEnvironmentVariable("CONFAB_BENCH_OPEN").toLongLong();
            m_scroller = new BenchScroller(m_window, id, this);
            connect(m_scroller, &BenchScroller::opened, this, [this](double ms, int rows) {
                report(QStringLiteral("opened"),
                    QJsonObject {{QStringLiteral("ms"), ms}, {QStringLiteral("rows"), rows}});
            });
            connect(m_scroller, &BenchScroller::pageShown, this,
                [this](double ms, int added, int rows) {
                    report(QStringLiteral("page"),
                        QJsonObject {{QStringLiteral("ms"), ms}, {QStringLiteral("added"), added},
                            {QStringLiteral("rows"), rows}});
                });
            connect(m_scroller, &BenchScroller::finished, this, [this](int pages, int rows) {
                report(QStringLiteral("scrolled"),
                    QJsonObject {{QStringLiteral("pages"), pages}, {QStringLiteral("rows"), rows},
                        {QStringLiteral("rssKb"), double(residentKb())}});
                saveScreenshot(QStringLiteral("scrolled"));
            });
            connect(m_scroller, &BenchScroller::failed, this, [this](const QString &why) {
                report(QStringLiteral("failed"), QJsonObject {{QStringLiteral("message"), why}});
            });
            m_scroller->start();
        }
    }
}

void BenchReporter::saveScreenshot(const QString &name)
{
    const QString directory = qEnvironmentVariable("CONFAB_BENCH_SCREENSHOTS");
    if (directory.isEmpty() || !m_window)
        return;
    QDir().mkpath(directory);
    m_window->grab().save(QDir(directory).filePath(QStringLiteral("client-%1.png").arg(name)));
}

} // namespace Confab::Ui
