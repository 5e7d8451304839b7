#include "tests/client/silentserver.h"

#include <QHostAddress>

namespace Confab::Testing {

namespace {

// What a connection has received so far is kept on the socket itself.
const char *const kReceived = "confabReceived";

} // namespace

SilentServer::SilentServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &SilentServer::accept);
}

bool SilentServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl SilentServer::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server.serverPort());
    return url;
}

void SilentServer::accept()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        m_sockets.append(socket);
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            const QByteArray received = socket->property(kReceived).toByteArray();
            socket->setProperty(kReceived, QByteArray(received + socket->readAll()));
        });
    }
}

int SilentServer::requestsReceived() const
{
    int count = 0;
    for (const QPointer<QTcpSocket> &socket : m_sockets) {
        if (socket && socket->property(kReceived).toByteArray().contains("\r\n\r\n"))
            ++count;
    }
    return count;
}

int SilentServer::openConnections() const
{
    int count = 0;
    for (const QPointer<QTcpSocket> &socket : m_sockets) {
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            ++count;
    }
    return count;
}

} // namespace Confab::Testing
