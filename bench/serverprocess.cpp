#include "bench/serverprocess.h"

#include "bench/childlifetime.h"

#include <QDeadlineTimer>
#include <QRegularExpression>

namespace Confab::Bench {

ServerProcess::~ServerProcess()
{
    stop();
}

bool ServerProcess::start(const QString &binary, const QString &databaseUrl,
    const QString &secretFile, int maxConnections, const QString &logFile,
    const QStringList &extraEnvironment, QString *error)
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setStandardErrorFile(logFile);
    // Debug logging per connection would be measured as server work; a deployment runs
    // without it too.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // The server picks its own event dispatcher (see server/main.cpp) unless --server-env
    // sets QT_NO_GLIB.
    environment.remove(QStringLiteral("QT_NO_GLIB"));
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=false"));
    for (const QString &pair : extraEnvironment)
        environment.insert(pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1));
    m_process.setProcessEnvironment(environment);
    m_process.setReadChannel(QProcess::StandardOutput);
    dieWithBench(m_process);
    m_process.start(binary,
        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--database"),
            databaseUrl, QStringLiteral("--jwt-secret-file"), secretFile,
            QStringLiteral("--max-connections"), QString::number(maxConnections)});
    if (!m_process.waitForStarted(10000)) {
        *error = QStringLiteral("cannot start %1: %2").arg(binary, m_process.errorString());
        return false;
    }
    // Start-up blocks the coordinator on purpose: nothing else runs yet.
    static const QRegularExpression listening(QStringLiteral("Listening on http://[^:]+:(\\d+)"));
    QByteArray output;
    const QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        if (m_process.waitForReadyRead(200))
            output += m_process.readAllStandardOutput();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
    }
    *error = QStringLiteral("confab-server did not start; see %1").arg(logFile);
    stop();
    return false;
}

void ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(30000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

} // namespace Confab::Bench

namespace Confab::Bench {

void ServerProcess::crash()
{
    m_process.kill();
    m_process.waitForFinished(10000);
}

} // namespace Confab::Bench
