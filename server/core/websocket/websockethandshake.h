#pragma once

#include "server/core/http/httprefusal.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace Confab::Server {

/// The server side of RFC 6455's opening handshake: reads an upgrade request's head, says
/// whether it is an acceptable WebSocket handshake (and if not, which HTTP error answers it),
/// and builds the 101 answer.
class WebSocketHandshake
{
public:
    /// `head`: request line and header fields, CRLF-separated (already framed and checked for
    /// well-formedness by HttpRequestFramer).
    explicit WebSocketHandshake(QByteArrayView head);

    QByteArray method() const { return m_method; }
    /// The request target's path, without the query.
    QByteArray path() const;
    /// The first value of a header field, trimmed; empty when absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;

    /// Empty when this is a valid version-13 handshake.
    std::optional<HttpRefusal> check() const;
    /// The complete `101 Switching Protocols` answer; only for a handshake check() accepts.
    QByteArray acceptResponse() const;

    /// Sec-WebSocket-Accept for a key (§4.2.2: SHA-1 of key + GUID, base64).
    static QByteArray acceptFor(QByteArrayView key);

private:
    QByteArray m_method;
    QByteArray m_target;
    QByteArray m_version;
    QList<QPair<QByteArray, QByteArray>> m_headers; ///< names in lower case
};

} // namespace Confab::Server
