#include "bench/clientprocess.h"

#include "bench/childlifetime.h"

#include "bench/monotonicclock.h"

#include <QCoroSignal>
#include <QDeadlineTimer>
#include <QDir>
#include <QJsonDocument>
#include <QPointer>

namespace Confab::Bench {

ClientProcess::ClientProcess(QObject *parent)
    : QObject(parent)
{
    // The app's warnings go to the terminal; it prints nothing else.
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.setStandardOutputFile(QProcess::nullDevice());
    // Every time that counts is taken by the app itself; the poll only hands them over.
    m_poll.setInterval(20);
    connect(&m_poll, &QTimer::timeout, this, &ClientProcess::poll);
    connect(&m_process, &QProcess::finished, this, &ClientProcess::lineReceived);
}

ClientProcess::~ClientProcess()
{
    quit();
}

bool ClientProcess::start(const Launch &launch, QString *error)
{
    QFile::remove(launch.reportFile);
    QFile create(launch.reportFile);
    if (!create.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1").arg(launch.reportFile);
        return false;
    }
    create.close();
    m_report.setFileName(launch.reportFile);
    if (!m_report.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(launch.reportFile);
        return false;
    }
    const QDir home(launch.home);
    for (const char *sub : {"config", "data", "cache", "runtime"})
        home.mkpath(QLatin1String(sub));
    QFile::setPermissions(home.filePath(QStringLiteral("runtime")),
        QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), launch.home);
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("runtime")));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // No session bus: the app finds no keychain and keeps the session in memory, so that a
    // benchmark never writes into the keychain of whoever runs it.
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.insert(QStringLiteral("CONFAB_BENCH_REPORT"), launch.reportFile);
    environment.insert(QStringLiteral("CONFAB_BENCH_REFRESH_TOKEN"), launch.refreshToken);
    environment.insert(QStringLiteral("CONFAB_BENCH_SETTLE_MS"), QString::number(launch.settleMs));
    if (!launch.screenshotDirectory.isEmpty())
        environment.insert(QStringLiteral("CONFAB_BENCH_SCREENSHOTS"), launch.screenshotDirectory);
    if (launch.openConversationId > 0)
        environment.insert(
            QStringLiteral("CONFAB_BENCH_OPEN"), QString::number(launch.openConversationId));
    m_process.setProcessEnvironment(environment);

    m_startedNs = monotonicNs();
    dieWithBench(m_process);
    m_process.start(launch.program,
        {QStringLiteral("--server"), launch.serverUrl, QStringLiteral("--profile"),
            QStringLiteral("bench")});
    if (!m_process.waitForStarted(10000)) {
        *error = QStringLiteral("cannot start %1: %2").arg(launch.program, m_process.errorString());
        return false;
    }
    m_poll.start();
    return true;
}

void ClientProcess::command(const QByteArray &line)
{
    m_process.write(line + '\n');
}

void ClientProcess::poll()
{
    const QByteArray more = m_report.readAll();
    if (more.isEmpty())
        return;
    m_lines.append(more);
    Q_EMIT lineReceived();
}

QCoro::Task<QJsonObject> ClientProcess::next(QStringList events, int timeoutMs)
{
    QPointer<ClientProcess> self(this);
    const QDeadlineTimer deadline(timeoutMs);
    while (self) {
        while (!m_lines.isEmpty()) {
            QJsonObject line = m_lines.dequeue();
            const QString kind = line.value(QStringLiteral("event")).toString();
            if (events.contains(kind) || kind == QLatin1String("failed"))
                co_return line;
        }
        if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
            break;
        auto wait = qCoro(this, &ClientProcess::lineReceived, std::chrono::milliseconds(200));
        co_await wait;
    }
    co_return QJsonObject();
}

int ClientProcess::quit()
{
    m_poll.stop();
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitCode();
    command("quit");
    m_process.closeWriteChannel();
    if (m_process.waitForFinished(10000))
        return m_process.exitCode();
    m_process.kill();
    m_process.waitForFinished(2000);
    return -1;
}

} // namespace Confab::Bench
