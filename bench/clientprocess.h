#pragma once

#include "bench/jsonlinequeue.h"

#include "bench/processstats.h"

#include <QCoroTask>
#include <QFile>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QQueue>
#include <QTimer>

namespace Confab::Bench {

/// One run of the real `confab` desktop app as a separate process, offscreen, signed in to
/// the benchmark server with a refresh token, reporting what it does as JSON lines into a
/// file (CONFAB_BENCH_REPORT, see app/ui/benchreporter.h). Commands go to its standard input.
class ClientProcess : public QObject
{
    Q_OBJECT
public:
    /// Everything the app is started with. `home` is its HOME (settings, caches) for this
    /// and any later run that should find a warm profile.
    struct Launch
    {
        QString program;
        QString serverUrl;
        QString home;
        QString reportFile;
        QString refreshToken;
        qint64 openConversationId = 0;
        int settleMs = 3000;
        QString screenshotDirectory; ///< empty: none
    };

    explicit ClientProcess(QObject *parent = nullptr);
    ~ClientProcess() override;

    /// Starts the app; false with `error` set when it cannot. startedNs() is taken just
    /// before the process is created.
    bool start(const Launch &launch, QString *error);
    qint64 startedNs() const { return m_startedNs; }
    qint64 pid() const { return m_process.processId(); }
    ProcessSample sample() const { return sampleProcess(pid()); }

    void command(const QByteArray &line);
    /// The next reported line whose "event" is one of `events`, waiting at most `timeoutMs`; an
    /// object with "event":"failed" when the app reports a failure, an empty one on timeout
    /// or when the app ended.
    QCoro::Task<QJsonObject> next(QStringList events, int timeoutMs);
    /// Sends `quit` and waits for the app to end (killing it after 10 s); its exit code, or
    /// -1 when it had to be killed.
    int quit();

Q_SIGNALS:
    void lineReceived();

private:
    void poll();

    QProcess m_process;
    QFile m_report;
    QTimer m_poll;
    JsonLineQueue m_lines;
    qint64 m_startedNs = 0;
};

} // namespace Confab::Bench
