#include "tests/client/holdingrelay.h"

#include <QHostAddress>
#include <QTcpSocket>

#include <memory>

namespace Confab::Testing {

HoldingRelay::HoldingRelay(QUrl upstream, QByteArray heldRequestLine, QObject *parent)
    : QObject(parent)
    , m_upstream(std::move(upstream))
    , m_heldRequestLine(std::move(heldRequestLine))
{
    connect(&m_server, &QTcpServer::newConnection, this, &HoldingRelay::accept);
}

bool HoldingRelay::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl HoldingRelay::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server.serverPort());
    return url;
}

void HoldingRelay::accept()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        client->setParent(this);
        auto *upstream = new QTcpSocket(client);
        // Requests on one connection come one after the other (no pipelining), so a request
        // starts each time the client sends after the server's answer has been relayed.
        auto held = std::make_shared<bool>(false);
        connect(client, &QTcpSocket::readyRead, upstream, [this, client, upstream, held] {
            if (*held)
                return; // left unread: the request never reaches the server
            const QByteArray bytes = client->readAll();
            if (bytes.startsWith(m_heldRequestLine)) {
                *held = true;
                ++m_held;
                return;
            }
            upstream->write(bytes);
        });
        connect(upstream, &QTcpSocket::readyRead, client,
            [client, upstream] { client->write(upstream->readAll()); });
        connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        connect(client, &QTcpSocket::disconnected, this, [this, client, held] {
            if (*held)
                --m_held;
            client->deleteLater();
        });
        upstream->connectToHost(QHostAddress::LocalHost, quint16(m_upstream.port()));
    }
}

} // namespace Confab::Testing
