#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QTcpSocket>

#include <memory>

class QSocketNotifier;

namespace Confab::Bench {

/// A lean WebSocket client for load generation: a QTcpSocket bound to a chosen loopback source
/// address (so that many connections do not run out of ports), the upgrade request with a
/// Bearer token, and just enough framing for text frames, ping/pong and close. It costs far
/// less per connection than QWebSocket, so one process can hold thousands. Once upgraded, the
/// connection leaves QTcpSocket: frames are read with one recv() per wake-up into our own
/// buffer, as cheaply as a receiver can, because the generator shares the cores with the
/// server it measures.
class BenchWebSocket : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Upgrading, Open, Ready, Closed };

    BenchWebSocket(QHostAddress source, QHostAddress server, quint16 port, QByteArray token,
        QObject *parent = nullptr);
    ~BenchWebSocket() override;

    void open();
    /// Drops the connection without a close frame, as a lost network would.
    void abort();
    State state() const { return m_state; }

signals:
    /// The server sent READY: the connection is authenticated and receives events.
    void ready();
    /// A text frame after READY.
    void textFrame(const QByteArray &payload);
    /// The connection failed or closed; `reason` says how.
    void closed(const QString &reason);

private:
    void onConnected();
    void onReadyRead();
    void onDisconnected();
    bool readUpgradeResponse();
    void readFrames();
    void handleFrame(int opcode, const QByteArray &payload);
    void sendFrame(int opcode, const QByteArray &payload);
    void fail(const QString &reason);
    /// Takes the upgraded connection's descriptor away from QTcpSocket.
    void takeOverDescriptor();
    void onReadable();
    void releaseDescriptor();

    QTcpSocket m_socket;
    QHostAddress m_source;
    QHostAddress m_server;
    quint16 m_port;
    QByteArray m_token;
    QByteArray m_buffer;
    QByteArray m_fragments;
    int m_fragmentOpcode = 0;
    State m_state = State::Idle;
    /// The upgraded connection (-1 before); read through m_readable.
    int m_fd = -1;
    std::unique_ptr<QSocketNotifier> m_readable;
};

} // namespace Confab::Bench
