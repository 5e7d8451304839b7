#pragma once

#include <QtGlobal>

namespace Confab::Server::WebSocketProtocol {

/// Frame opcodes of RFC 6455 §5.2.
enum class Opcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

inline bool isControl(Opcode opcode)
{
    return (quint8(opcode) & 0x8) != 0;
}

/// Close codes of RFC 6455 §7.4.1 that the transport itself sends.
constexpr quint16 kCloseNormal = 1000;
constexpr quint16 kCloseGoingAway = 1001;
constexpr quint16 kCloseProtocolError = 1002;
constexpr quint16 kCloseNoStatus = 1005; ///< never sent: "the close frame had no code"
constexpr quint16 kCloseInvalidPayload = 1007;
constexpr quint16 kCloseTooBig = 1009;

/// Control frames carry at most this many payload bytes (§5.5); a close reason 2 fewer.
constexpr int kMaxControlPayload = 125;

} // namespace Confab::Server::WebSocketProtocol
