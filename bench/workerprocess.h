#pragma once

#include "bench/jsonlinequeue.h"

#include <QCoroTask>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QQueue>

namespace Confab::Bench {

/// The coordinator's handle on one `confab-bench worker` process: writes commands to its
/// standard input and hands back the JSON lines it answers with.
class WorkerProcess : public QObject
{
    Q_OBJECT
public:
    explicit WorkerProcess(QObject *parent = nullptr);
    ~WorkerProcess() override;

    /// Starts `program worker <arguments>`; false when it could not be started.
    bool start(const QString &program, const QStringList &arguments);
    void command(const QByteArray &line);
    /// The next line whose "event" is `event` (or "error"), waiting at most `timeoutMs`;
    /// an empty object on timeout or when the process died.
    QCoro::Task<QJsonObject> next(QString event, int timeoutMs);
    qint64 pid() const { return m_process.processId(); }
    void stop();

signals:
    void lineReceived();

private:
    void onOutput();

    QProcess m_process;
    JsonLineQueue m_lines;
};

} // namespace Confab::Bench
