#include "server/core/http/responsesequencer.h"

#include <QTcpSocket>

namespace Confab::Server {

ResponseSequencer::ResponseSequencer(QTcpSocket *socket)
    : QObject(socket)
    , m_socket(socket)
{ }

ResponseSequencer *ResponseSequencer::of(QTcpSocket *socket)
{
    if (auto *existing =
            socket->findChild<ResponseSequencer *>(QString(), Qt::FindDirectChildrenOnly))
        return existing;
    return new ResponseSequencer(socket);
}

void ResponseSequencer::complete(quint64 ticket, QByteArray bytes, bool close)
{
    m_ready.insert(ticket, {std::move(bytes), close});
    flush();
}

void ResponseSequencer::flush()
{
    while (!m_ready.isEmpty() && m_ready.firstKey() == m_nextToWrite) {
        const auto [bytes, close] = m_ready.take(m_nextToWrite);
        ++m_nextToWrite;
        m_socket->write(bytes);
        if (close) {
            m_ready.clear();
            m_socket->disconnectFromHost();
            return;
        }
    }
}

} // namespace Confab::Server
