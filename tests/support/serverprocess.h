#pragma once

#include "server/core/storage/databaseconfig.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

namespace Confab::Testing {

/// The URL confab-server takes for `config` (the password included, percent-encoded).
QString databaseUrl(const Server::DatabaseConfig &config);

/// What one finished run of a command printed.
struct CommandRun
{
    int exitCode = -1;
    bool finished = false;
    QByteArray out;
    QByteArray err;
};

/// Runs `program` with `arguments`, writes `input` to its stdin and closes it, waits.
CommandRun runCommand(const QString &program, const QStringList &arguments,
    const QProcessEnvironment &environment, const QByteArray &input = {});

/// The real confab-server binary running as a child process, stopped with SIGTERM by stop()
/// or the destructor.
class ServerProcess
{
public:
    explicit ServerProcess(QString binary);
    ~ServerProcess();

    /// Starts it and waits for "Listening on http://127.0.0.1:PORT"; the base URL, or an
    /// invalid one (failure: see errorOutput()).
    QUrl start(const QStringList &arguments, const QProcessEnvironment &environment);
    /// SIGTERM and wait; true when it exited with 0.
    bool stop();
    /// Everything the process wrote to stderr so far.
    QByteArray errorOutput();

private:
    QString m_binary;
    QProcess m_process;
    QByteArray m_err;
};

} // namespace Confab::Testing
