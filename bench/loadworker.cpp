#include "bench/loadworker.h"

#include "bench/benchhttpconnection.h"
#include "bench/benchwebsocket.h"
#include "bench/monotonicclock.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <unistd.h>
#include <utility>

namespace Confab::Bench {

namespace {
// Handshakes in progress at once: enough to keep the server's accept loop busy, few enough
// that the kernel's listen backlog does not overflow.
constexpr int kMaxHandshakesInFlight = 256;
constexpr int kCatchUpConnections = 8;
constexpr QByteArrayView kMarker = "\"content\":\"bench:";
} // namespace

LoadWorker::LoadWorker(QHostAddress server, quint16 port, QHostAddress source,
    QList<WorkerUser> users, QObject *parent)
    : QObject(parent)
    , m_server(std::move(server))
    , m_port(port)
    , m_source(std::move(source))
    , m_users(std::move(users))
{ }

void LoadWorker::start()
{
    m_sockets.reserve(m_users.size());
    for (int i = 0; i < m_users.size(); ++i) {
        auto *socket = new BenchWebSocket(m_source, m_server, m_port, m_users[i].token, this);
        connect(socket, &BenchWebSocket::ready, this, [this, i] { onReady(i); });
        connect(socket, &BenchWebSocket::closed, this,
            [this, i](const QString &reason) { onClosed(i, reason); });
        connect(socket, &BenchWebSocket::textFrame, this, &LoadWorker::onFrame);
        m_sockets.append(socket);
    }
    m_stdin = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_stdin, &QSocketNotifier::activated, this, &LoadWorker::onStdin);
    emitLine(QJsonObject {{QStringLiteral("event"), QStringLiteral("started")},
        {QStringLiteral("users"), int(m_users.size())}});
}

void LoadWorker::onStdin()
{
    char chunk[4096];
    const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (n <= 0) {
        // The coordinator is gone: nothing left to do.
        m_stdin->setEnabled(false);
        QCoreApplication::exit(0);
        return;
    }
    m_stdinBuffer.append(chunk, n);
    qsizetype newline;
    while ((newline = m_stdinBuffer.indexOf('\n')) >= 0) {
        const QByteArray command = m_stdinBuffer.left(newline).trimmed();
        m_stdinBuffer.remove(0, newline + 1);
        handleCommand(command);
    }
}

void LoadWorker::handleCommand(const QByteArray &command)
{
    if (command == "open") {
        openAll(false);
    } else if (command == "reconnect") {
        openAll(true);
    } else if (command == "stats") {
        reportStats();
    } else if (command == "reset") {
        m_latency.clear();
        m_received = 0;
        m_lastDeliveryNs = 0;
        emitLine(QJsonObject {{QStringLiteral("event"), QStringLiteral("reset")}});
    } else if (command == "quit") {
        for (BenchWebSocket *socket : std::as_const(m_sockets))
            socket->abort();
        QCoreApplication::exit(0);
    } else if (!command.isEmpty()) {
        emitLine(QJsonObject {{QStringLiteral("event"), QStringLiteral("error")},
            {QStringLiteral("message"),
                QStringLiteral("unknown command: %1").arg(QString::fromUtf8(command))}});
    }
}

void LoadWorker::openAll(bool reconnecting)
{
    m_reconnecting = reconnecting;
    if (reconnecting) {
        // Every client drops at the same moment, as when a network link fails.
        for (BenchWebSocket *socket : std::as_const(m_sockets))
            socket->abort();
        if (m_http.isEmpty()) {
            for (int i = 0; i < kCatchUpConnections; ++i)
                m_http.append(new BenchHttpConnection(m_server, m_port, m_source, this));
        }
    }
    m_opening = true;
    m_isReady.fill(false, m_sockets.size());
    m_nextToOpen = 0;
    m_inFlight = 0;
    m_connected = 0;
    m_failed = 0;
    m_caughtUp = 0;
    m_catchUpFailed = 0;
    m_errors.clear();
    m_openStartedNs = monotonicNs();
    openNext();
    maybeFinishOpening();
}

void LoadWorker::openNext()
{
    while (m_nextToOpen < m_sockets.size() && m_inFlight < kMaxHandshakesInFlight) {
        ++m_inFlight;
        m_sockets[m_nextToOpen++]->open();
    }
}

void LoadWorker::onReady(int index)
{
    if (!m_opening)
        return;
    --m_inFlight;
    ++m_connected;
    m_isReady[index] = true;
    if (m_reconnecting)
        catchUp(index);
    openNext();
    maybeFinishOpening();
}

void LoadWorker::catchUp(int index)
{
    // What a client does after a reconnect (protocol.md, keep-alive and closing): fetch the
    // conversation list, which carries each conversation's newest message.
    BenchHttpConnection *http = m_http[index % m_http.size()];
    BenchHttpReply *reply = http->send("GET", "/api/conversations", m_users[index].token);
    connect(reply, &BenchHttpReply::finished, this, [this, reply] {
        if (reply->status() == 200) {
            ++m_caughtUp;
        } else {
            ++m_catchUpFailed;
            if (m_errors.size() < 5)
                m_errors.append(QStringLiteral("catch-up answered %1").arg(reply->status()));
        }
        reply->deleteLater();
        maybeFinishOpening();
    });
}

void LoadWorker::onClosed(int index, const QString &reason)
{
    const bool wasReady = std::exchange(m_isReady[index], false);
    if (m_opening) {
        // A connection that was up already lost it again: it no longer counts as connected.
        if (wasReady)
            --m_connected;
        else
            --m_inFlight;
        ++m_failed;
        if (m_errors.size() < 5)
            m_errors.append(reason);
        openNext();
        maybeFinishOpening();
    } else {
        ++m_closedAfterReady;
        if (m_errors.size() < 5)
            m_errors.append(reason);
    }
}

void LoadWorker::maybeFinishOpening()
{
    if (!m_opening || m_connected + m_failed < m_sockets.size())
        return;
    if (m_reconnecting && m_caughtUp + m_catchUpFailed < m_connected)
        return;
    m_opening = false;
    QJsonObject line {{QStringLiteral("event"),
                          m_reconnecting ? QStringLiteral("reconnected") : QStringLiteral("ready")},
        {QStringLiteral("connected"), m_connected}, {QStringLiteral("failed"), m_failed},
        {QStringLiteral("elapsedMs"), double(monotonicNs() - m_openStartedNs) / 1e6},
        {QStringLiteral("errors"), QJsonArray::fromStringList(m_errors)}};
    if (m_reconnecting) {
        line.insert(QStringLiteral("caughtUp"), m_caughtUp);
        line.insert(QStringLiteral("catchUpFailed"), m_catchUpFailed);
    }
    emitLine(line);
}

void LoadWorker::onFrame(const QByteArray &payload)
{
    // Benchmark messages read "bench:<send time in ns>:..."; everything else (presence, ...)
    // is ignored. A substring search keeps the receiver cheap.
    const qsizetype at = payload.indexOf(kMarker);
    if (at < 0 || !payload.contains("\"type\":\"MESSAGE_CREATED\""))
        return;
    const qint64 now = monotonicNs();
    qsizetype pos = at + kMarker.size();
    qint64 sentNs = 0;
    while (pos < payload.size() && payload[pos] >= '0' && payload[pos] <= '9')
        sentNs = sentNs * 10 + (payload[pos++] - '0');
    m_latency.add((now - sentNs) / 1000);
    ++m_received;
    m_lastDeliveryNs = now;
}

void LoadWorker::reportStats()
{
    emitLine(QJsonObject {{QStringLiteral("event"), QStringLiteral("stats")},
        {QStringLiteral("received"), double(m_received)},
        {QStringLiteral("lastDeliveryNs"), QString::number(m_lastDeliveryNs)},
        {QStringLiteral("closedAfterReady"), m_closedAfterReady},
        {QStringLiteral("latency"), m_latency.toJson()}});
}

void LoadWorker::emitLine(const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    fwrite(line.constData(), 1, size_t(line.size()), stdout);
    fflush(stdout);
}

int runWorker(const QStringList &arguments)
{
    // confab-bench worker HOST PORT SOURCE TOKENFILE FIRST COUNT
    if (arguments.size() != 6) {
        fprintf(stderr, "confab-bench worker: expected HOST PORT SOURCE TOKENFILE FIRST COUNT\n");
        return 2;
    }
    QFile file(arguments[3]);
    if (!file.open(QIODevice::ReadOnly)) {
        fprintf(stderr, "confab-bench worker: cannot read %s\n", qPrintable(arguments[3]));
        return 2;
    }
    const int first = arguments[4].toInt();
    const int count = arguments[5].toInt();
    QList<WorkerUser> users;
    users.reserve(count);
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        if (lineNumber >= first && lineNumber < first + count) {
            const QList<QByteArray> parts = line.split(' ');
            users.append(WorkerUser {parts.value(0).toLongLong(), parts.value(1)});
        }
        ++lineNumber;
    }
    LoadWorker worker(QHostAddress(arguments[0]), quint16(arguments[1].toUInt()),
        QHostAddress(arguments[2]), std::move(users));
    worker.start();
    return QCoreApplication::exec();
}

} // namespace Confab::Bench
