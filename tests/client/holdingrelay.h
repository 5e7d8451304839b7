#pragma once

#include <QByteArray>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

namespace Confab::Testing {

/// Listens on 127.0.0.1 and relays each connection byte for byte to a real server, except
/// that a request starting with `heldRequestLine` (e.g. "POST /api/auth/refresh") is held:
/// from then on nothing more of that connection is forwarded, so the request stays in flight
/// until its client gives up. Everything else is answered by the real server.
class HoldingRelay : public QObject
{
    Q_OBJECT
public:
    HoldingRelay(QUrl upstream, QByteArray heldRequestLine, QObject *parent = nullptr);

    /// Listens on 127.0.0.1 and a free port; false when it cannot.
    bool listen();
    /// http://127.0.0.1:<port>
    QUrl url() const;
    /// How many requests are being held.
    int heldRequests() const { return m_held; }

private:
    void accept();

    QUrl m_upstream;
    QByteArray m_heldRequestLine;
    QTcpServer m_server;
    int m_held = 0;
};

} // namespace Confab::Testing
