#pragma once

#include "server/core/http/httprefusal.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

class QTcpSocket;

namespace Confab::Server {

/// Takes WebSocket upgrade requests away from QHttpServer. GuardedTcpServer's guard calls it
/// when its framer has seen a complete upgrade request, before QHttpServer has: check() decides,
/// and either the guard answers the refusal (and closes), or it cuts QHttpServer off the socket
/// and calls take().
class UpgradeHandler
{
public:
    virtual ~UpgradeHandler() = default;

    /// `requestHead` is the request line and header fields, up to and including the blank line.
    virtual std::optional<HttpRefusal> check(QByteArrayView requestHead) const = 0;
    /// The socket's read buffer has been emptied: `received` is what the client sent after the
    /// request. The handler owns the socket from now on (its guard stays its child, still
    /// counted).
    virtual void take(QTcpSocket *socket, QByteArrayView requestHead, QByteArray received) = 0;
};

} // namespace Confab::Server
