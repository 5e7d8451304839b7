#include "bench/workerprocess.h"

#include "bench/childlifetime.h"

#include <QCoroSignal>
#include <QCoroTimer>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QPointer>

#include <cstdio>

namespace Confab::Bench {

WorkerProcess::WorkerProcess(QObject *parent)
    : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &WorkerProcess::onOutput);
    connect(&m_process, &QProcess::finished, this, &WorkerProcess::lineReceived);
}

WorkerProcess::~WorkerProcess()
{
    stop();
}

bool WorkerProcess::start(const QString &program, const QStringList &arguments)
{
    dieWithBench(m_process);
    m_process.start(program, QStringList {QStringLiteral("worker")} + arguments);
    return m_process.waitForStarted(10000);
}

void WorkerProcess::command(const QByteArray &line)
{
    m_process.write(line + '\n');
}

void WorkerProcess::onOutput()
{
    m_lines.append(m_process.readAllStandardOutput());
    emit lineReceived();
}

QCoro::Task<QJsonObject> WorkerProcess::next(QString event, int timeoutMs)
{
    QPointer<WorkerProcess> self(this);
    const QDeadlineTimer deadline(timeoutMs);
    while (self) {
        while (!m_lines.isEmpty()) {
            QJsonObject line = m_lines.dequeue();
            const QString kind = line.value(QStringLiteral("event")).toString();
            if (kind == event)
                co_return line;
            if (kind == QLatin1String("error"))
                fprintf(stderr, "confab-bench: worker: %s\n",
                    qPrintable(line.value(QStringLiteral("message")).toString()));
        }
        if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
            break;
        auto wait = qCoro(this, &WorkerProcess::lineReceived, std::chrono::milliseconds(200));
        co_await wait;
    }
    co_return QJsonObject();
}

void WorkerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    command("quit");
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

} // namespace Confab::Bench
