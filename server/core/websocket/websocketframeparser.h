#pragma once

#include "server/core/websocket/websocketprotocol.h"

#include <QByteArray>
#include <QByteArrayView>

#include <array>

namespace Confab::Server {

/// Incremental parser of client-to-server WebSocket frames (RFC 6455 §5): takes bytes in
/// whatever pieces TCP delivers them, unmasks, reassembles fragmented messages (control frames
/// may arrive between the fragments) and checks what a server must check. Once it fails it
/// stays failed; failure() says how the connection is to be closed.
class WebSocketFrameParser
{
public:
    enum class Event {
        NeedMoreData, ///< every byte was consumed and no message or control frame is complete
        Text, ///< a whole text message (valid UTF-8): takePayload()
        Binary, ///< a whole binary message: takePayload()
        Ping, ///< takePayload() is what the pong must echo
        Pong,
        Close, ///< the peer's close: closeCode() (kCloseNoStatus without one), closeReason()
        Failed, ///< a protocol violation: closeCode() and closeReason() are ours to send
    };
    struct Step
    {
        qsizetype consumed = 0;
        Event event = Event::NeedMoreData;
    };

    explicit WebSocketFrameParser(qint64 maxMessageBytes);

    /// Consumes bytes up to the end of the data or the first event; call again with the rest.
    Step feed(QByteArrayView data);

    QByteArray takePayload() { return std::exchange(m_payload, {}); }
    quint16 closeCode() const { return m_closeCode; }
    const QByteArray &closeReason() const { return m_closeReason; }
    qint64 maxMessageBytes() const { return m_maxMessageBytes; }
    bool hasFailed() const { return m_state == State::Failed; }

private:
    enum class State { Header, Payload, Failed };

    Step fail(qsizetype consumed, quint16 code, const char *reason);
    /// Checks the first two header bytes, and interprets the whole header once it is complete.
    Step parseHeader(qsizetype consumed);
    Step finishFrame(qsizetype consumed);
    static qsizetype headerSize(const std::array<quint8, 14> &header);

    const qint64 m_maxMessageBytes;
    State m_state = State::Header;
    std::array<quint8, 14> m_header {};
    qsizetype m_headerHave = 0;
    // The frame being read.
    WebSocketProtocol::Opcode m_opcode = WebSocketProtocol::Opcode::Continuation;
    bool m_fin = false;
    std::array<quint8, 4> m_mask {};
    qint64 m_remaining = 0;
    qint64 m_maskOffset = 0;
    // The data message being reassembled (its first frame's opcode), and a control frame's
    // payload, kept apart so a ping between fragments leaves the message intact.
    WebSocketProtocol::Opcode m_messageOpcode = WebSocketProtocol::Opcode::Continuation;
    bool m_inMessage = false;
    QByteArray m_message;
    QByteArray m_control;
    QByteArray m_payload;
    quint16 m_closeCode = 0;
    QByteArray m_closeReason;
};

} // namespace Confab::Server
