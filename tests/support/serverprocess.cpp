#include "tests/support/serverprocess.h"

#include <QDeadlineTimer>
#include <QRegularExpression>

#include <csignal>

namespace Confab::Testing {

QString databaseUrl(const Server::DatabaseConfig &config)
{
    if (config.dialect == Server::SqlDialect::Sqlite)
        return QStringLiteral("sqlite:") + config.sqlitePath;
    const QString password = config.password.isEmpty()
        ? QString()
        : QLatin1Char(':') + QString::fromUtf8(QUrl::toPercentEncoding(config.password));
    return QStringLiteral("postgres://%1%2@%3:%4/%5")
        .arg(QString::fromUtf8(QUrl::toPercentEncoding(config.user)), password, config.host)
        .arg(config.port)
        .arg(config.databaseName);
}

CommandRun runCommand(const QString &program, const QStringList &arguments,
    const QProcessEnvironment &environment, const QByteArray &input)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    CommandRun run;
    if (!process.waitForStarted(10000))
        return run;
    process.write(input);
    process.closeWriteChannel();
    run.finished = process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

ServerProcess::ServerProcess(QString binary)
    : m_binary(std::move(binary))
{ }

ServerProcess::~ServerProcess()
{
    stop();
}

QUrl ServerProcess::start(const QStringList &arguments, const QProcessEnvironment &environment)
{
    m_process.setProcessEnvironment(environment);
    m_process.start(m_binary, arguments);
    if (!m_process.waitForStarted(10000))
        return {};
    QByteArray output;
    QDeadlineTimer deadline(30000);
    while (!output.contains('\n') && !deadline.hasExpired()) {
        if (!m_process.waitForReadyRead(500) && m_process.state() != QProcess::Running)
            break;
        output += m_process.readAllStandardOutput();
    }
    static const QRegularExpression line(
        QStringLiteral("^Listening on (http://127\\.0\\.0\\.1:(\\d+))\n"));
    const QRegularExpressionMatch match = line.match(QString::fromUtf8(output));
    if (!match.hasMatch() || match.captured(2).toInt() == 0)
        return {};
    return QUrl(match.captured(1));
}

bool ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    ::kill(pid_t(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(15000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
        return false;
    }
    return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
}

QByteArray ServerProcess::errorOutput()
{
    m_err += m_process.readAllStandardError();
    return m_err;
}

} // namespace Confab::Testing
