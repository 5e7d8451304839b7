#pragma once

#include "server/core/websocket/websocketprotocol.h"

#include <QByteArray>
#include <QByteArrayView>

namespace Confab::Server {

/// Builds complete server-to-client frames (final, unmasked, as RFC 6455 wants them from a
/// server). The result is an ordinary implicitly shared QByteArray: a fan-out builds it once
/// and every connection writes the same bytes.
class WebSocketFrameEncoder
{
public:
    static QByteArray text(QByteArrayView utf8);
    static QByteArray binary(QByteArrayView payload);
    static QByteArray ping(QByteArrayView payload = {});
    static QByteArray pong(QByteArrayView payload);
    /// A close frame; the reason is cut to fit a control frame at a character boundary.
    static QByteArray close(quint16 code, QByteArrayView reasonUtf8);
    /// A close frame without a status code (answering a peer's empty close).
    static QByteArray emptyClose();

    static QByteArray frame(WebSocketProtocol::Opcode opcode, QByteArrayView payload);
};

} // namespace Confab::Server
