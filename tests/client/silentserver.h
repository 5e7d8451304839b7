#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace Confab::Testing {

/// A TCP server on 127.0.0.1 that accepts connections and reads what arrives, but never
/// answers: an HTTP request sent to it stays in flight until its client gives up.
class SilentServer : public QObject
{
    Q_OBJECT
public:
    explicit SilentServer(QObject *parent = nullptr);

    /// Listens on 127.0.0.1 and a free port; false when it cannot.
    bool listen();
    /// http://127.0.0.1:<port>
    QUrl url() const;
    /// Connections through which a whole request head (up to the blank line) has arrived.
    int requestsReceived() const;
    /// Connections the clients have not closed yet.
    int openConnections() const;

private:
    void accept();

    QTcpServer m_server;
    QList<QPointer<QTcpSocket>> m_sockets;
};

} // namespace Confab::Testing
