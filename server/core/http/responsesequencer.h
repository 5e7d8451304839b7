#pragma once

#include <QByteArray>
#include <QMap>
#include <QObject>

class QTcpSocket;

namespace Confab::Server {

/// Replies to one connection's requests in the order they came, although handlers finish
/// out of order (a pipelining client must get its answers in sequence). Child of its socket.
class ResponseSequencer : public QObject
{
    Q_OBJECT
public:
    static ResponseSequencer *of(QTcpSocket *socket);

    /// A ticket for the next request's reply.
    quint64 reserve() { return m_nextTicket++; }
    /// Writes `bytes` once every earlier ticket has been answered; `close` ends the connection.
    void complete(quint64 ticket, QByteArray bytes, bool close);

private:
    explicit ResponseSequencer(QTcpSocket *socket);
    void flush();

    QTcpSocket *m_socket;
    quint64 m_nextTicket = 0;
    quint64 m_nextToWrite = 0;
    QMap<quint64, QPair<QByteArray, bool>> m_ready;
};

} // namespace Confab::Server
