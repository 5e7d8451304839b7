#pragma once

#include "bench/benchhttpreply.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QTcpSocket>

namespace Confab::Bench {

/// A keep-alive HTTP/1.1 connection that pipelines requests and matches answers in order
/// (the server answers pipelined requests in order). Lean on purpose: the load generator must
/// not cost more than the server it measures. Reconnects by itself when a request is sent
/// while it is closed.
class BenchHttpConnection : public QObject
{
    Q_OBJECT
public:
    BenchHttpConnection(
        QHostAddress server, quint16 port, QHostAddress source = {}, QObject *parent = nullptr);
    ~BenchHttpConnection() override;

    /// Sends a request; the reply is a child of this connection, deleted by the caller.
    BenchHttpReply *send(const QByteArray &method, const QByteArray &path, const QByteArray &token,
        const QByteArray &jsonBody = {});
    int pending() const { return int(m_pending.size()); }

private:
    void ensureConnected();
    void onReadyRead();
    void failPending();
    bool parseOne();

    QTcpSocket m_socket;
    QHostAddress m_server;
    quint16 m_port;
    QHostAddress m_source;
    QByteArray m_buffer;
    QQueue<QPointer<BenchHttpReply>> m_pending;
};

} // namespace Confab::Bench
