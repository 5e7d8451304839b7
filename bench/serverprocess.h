#pragma once

#include "bench/processstats.h"

#include <QProcess>
#include <QString>

namespace Confab::Bench {

/// The real `confab-server` binary as a separate process on 127.0.0.1 and a free port: the
/// thing being measured. Its CPU and memory are read from /proc.
class ServerProcess
{
public:
    ServerProcess() = default;
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    /// Starts the server and waits for its "Listening on" line; false with `error` set when it
    /// does not come up.
    /// Its standard error goes to `logFile`, so that a chatty server never blocks on a pipe.
    bool start(const QString &binary, const QString &databaseUrl, const QString &secretFile,
        int maxConnections, const QString &logFile, const QStringList &environment, QString *error);
    /// SIGTERM and a wait for the clean exit.
    void stop();
    /// SIGKILL: the process dies at once, as in a crash or power loss of the process.
    void crash();

    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    ProcessSample sample() const { return sampleProcess(pid()); }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace Confab::Bench
