#pragma once

#include "bench/latencyhistogram.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSocketNotifier>
#include <QStringList>

namespace Confab::Bench {

class BenchWebSocket;
class BenchHttpConnection;

/// One user of a load worker: who they are and their access token.
struct WorkerUser
{
    qint64 id = 0;
    QByteArray token;
};

/// The receiving side of the load, run as its own process (`confab-bench worker ...`) so that
/// the load spreads over processes and cores. It holds one WebSocket per user, records the
/// send-to-delivery latency of every benchmark message it receives, and obeys one-line
/// commands on standard input, answering with one JSON line each on standard output:
/// `open`, `stats`, `reset`, `reconnect`, `quit`.
class LoadWorker : public QObject
{
    Q_OBJECT
public:
    LoadWorker(QHostAddress server, quint16 port, QHostAddress source, QList<WorkerUser> users,
        QObject *parent = nullptr);

    void start();

private:
    void onStdin();
    void handleCommand(const QByteArray &command);
    void openAll(bool reconnecting);
    void openNext();
    void onReady(int index);
    void onClosed(int index, const QString &reason);
    void onFrame(const QByteArray &payload);
    void maybeFinishOpening();
    void catchUp(int index);
    void reportStats();
    void emitLine(const QJsonObject &object);

    QHostAddress m_server;
    quint16 m_port;
    QHostAddress m_source;
    QList<WorkerUser> m_users;
    QList<BenchWebSocket *> m_sockets;
    QList<bool> m_isReady;
    QList<BenchHttpConnection *> m_http;
    QSocketNotifier *m_stdin = nullptr;
    QByteArray m_stdinBuffer;

    // Opening (and reconnecting): how far, and how it went.
    bool m_opening = false;
    bool m_reconnecting = false;
    int m_nextToOpen = 0;
    int m_inFlight = 0;
    int m_connected = 0;
    int m_failed = 0;
    int m_caughtUp = 0;
    int m_catchUpFailed = 0;
    qint64 m_openStartedNs = 0;
    QStringList m_errors;

    // Deliveries.
    LatencyHistogram m_latency;
    qint64 m_received = 0;
    qint64 m_lastDeliveryNs = 0;
    int m_closedAfterReady = 0;
};

/// Entry point of `confab-bench worker`; returns the exit code.
int runWorker(const QStringList &arguments);

} // namespace Confab::Bench
