#include "server/core/websocket/websocketframeparser.h"

#include "server/core/websocket/utf8validator.h"

#include <QtEndian>

namespace Confab::Server {

using namespace WebSocketProtocol;

namespace {

bool isKnownOpcode(quint8 opcode)
{
    switch (Opcode(opcode)) {
    case Opcode::Continuation:
    case Opcode::Text:
    case Opcode::Binary:
    case Opcode::Close:
    case Opcode::Ping:
    case Opcode::Pong:
        return true;
    }
    return false;
}

// RFC 6455 §7.4: codes a peer may send in a close frame.
bool isSendableCloseCode(quint16 code)
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011)
        || (code >= 3000 && code <= 4999);
}

} // namespace

WebSocketFrameParser::WebSocketFrameParser(qint64 maxMessageBytes)
    : m_maxMessageBytes(maxMessageBytes)
{ }

qsizetype WebSocketFrameParser::headerSize(const std::array<quint8, 14> &header)
{
    const quint8 length = header[1] & 0x7F;
    const qsizetype extended = length == 126 ? 2 : length == 127 ? 8 : 0;
    return 2 + extended + ((header[1] & 0x80) ? 4 : 0);
}

WebSocketFrameParser::Step WebSocketFrameParser::fail(
    qsizetype consumed, quint16 code, const char *reason)
{
    m_state = State::Failed;
    m_closeCode = code;
    m_closeReason = QByteArray(reason);
    m_message = QByteArray();
    m_control = QByteArray();
    m_payload = QByteArray();
    return {consumed, Event::Failed};
}

WebSocketFrameParser::Step WebSocketFrameParser::feed(QByteArrayView data)
{
    qsizetype pos = 0;
    while (pos < data.size() || (m_state == State::Payload && m_remaining == 0)) {
        switch (m_state) {
        case State::Failed:
            return {pos, Event::Failed};
        case State::Header: {
            // The first two bytes say how long the header is.
            const qsizetype wanted = m_headerHave < 2 ? 2 : headerSize(m_header);
            const qsizetype take = std::min<qsizetype>(wanted - m_headerHave, data.size() - pos);
            memcpy(m_header.data() + m_headerHave, data.data() + pos, size_t(take));
            m_headerHave += take;
            pos += take;
            if (m_headerHave < wanted)
                break;
            // After the first two bytes this may only have learnt how long the header is.
            const Step step = parseHeader(pos);
            if (step.event != Event::NeedMoreData)
                return step;
            break;
        }
        case State::Payload: {
            QByteArray &target = isControl(m_opcode) ? m_control : m_message;
            const qint64 take = std::min<qint64>(m_remaining, data.size() - pos);
            if (take > 0) {
                const qsizetype start = target.size();
                target.append(data.data() + pos, take);
                char *bytes = target.data() + start;
                for (qint64 i = 0; i < take; ++i)
                    bytes[i] = char(bytes[i] ^ m_mask[(m_maskOffset + i) & 3]);
                m_maskOffset += take;
                m_remaining -= take;
                pos += take;
            }
            if (m_remaining == 0) {
                const Step step = finishFrame(pos);
                if (step.event != Event::NeedMoreData)
                    return step;
            }
            break;
        }
        }
    }
    return {pos, m_state == State::Failed ? Event::Failed : Event::NeedMoreData};
}

WebSocketFrameParser::Step WebSocketFrameParser::parseHeader(qsizetype consumed)
{
    if (m_headerHave == 2) {
        if ((m_header[0] & 0x70) != 0)
            return fail(consumed, kCloseProtocolError, "Reserved bits are set.");
        const quint8 opcode = m_header[0] & 0x0F;
        if (!isKnownOpcode(opcode))
            return fail(consumed, kCloseProtocolError, "Unknown opcode.");
        if ((m_header[1] & 0x80) == 0)
            return fail(consumed, kCloseProtocolError, "Client frames must be masked.");
        if (isControl(Opcode(opcode)) && ((m_header[0] & 0x80) == 0 || (m_header[1] & 0x7F) > 125))
            return fail(consumed, kCloseProtocolError,
                "Control frames must be final and at most 125 bytes long.");
        if (headerSize(m_header) > 2)
            return {consumed, Event::NeedMoreData}; // read the rest of the header first
    }
    m_fin = (m_header[0] & 0x80) != 0;
    m_opcode = Opcode(m_header[0] & 0x0F);
    const quint8 shortLength = m_header[1] & 0x7F;
    qsizetype at = 2;
    quint64 length = shortLength;
    if (shortLength == 126) {
        length = qFromBigEndian<quint16>(m_header.data() + 2);
        at = 4;
    } else if (shortLength == 127) {
        length = qFromBigEndian<quint64>(m_header.data() + 2);
        at = 10;
        if (length >> 63)
            return fail(consumed, kCloseProtocolError, "The frame length is out of range.");
    }
    memcpy(m_mask.data(), m_header.data() + at, 4);
    m_headerHave = 0;

    if (m_opcode == Opcode::Continuation) {
        if (!m_inMessage)
            return fail(consumed, kCloseProtocolError, "A continuation frame started no message.");
    } else if (!isControl(m_opcode)) {
        if (m_inMessage)
            return fail(
                consumed, kCloseProtocolError, "A new message started inside a fragmented one.");
        m_inMessage = true;
        m_messageOpcode = m_opcode;
    }
    if (!isControl(m_opcode) && qint64(length) > m_maxMessageBytes - m_message.size())
        return fail(consumed, kCloseTooBig, "The message is too big.");
    m_remaining = qint64(length);
    m_maskOffset = 0;
    if (isControl(m_opcode))
        m_control.clear();
    m_state = State::Payload;
    return {consumed, Event::NeedMoreData};
}

WebSocketFrameParser::Step WebSocketFrameParser::finishFrame(qsizetype consumed)
{
    m_state = State::Header;
    switch (m_opcode) {
    case Opcode::Ping:
        m_payload = std::exchange(m_control, {});
        return {consumed, Event::Ping};
    case Opcode::Pong:
        m_control.clear();
        return {consumed, Event::Pong};
    case Opcode::Close: {
        const QByteArray payload = std::exchange(m_control, {});
        if (payload.isEmpty()) {
            m_closeCode = kCloseNoStatus;
            m_closeReason.clear();
            return {consumed, Event::Close};
        }
        if (payload.size() == 1)
            return fail(consumed, kCloseProtocolError, "The close frame is malformed.");
        const quint16 code = qFromBigEndian<quint16>(payload.constData());
        if (!isSendableCloseCode(code))
            return fail(consumed, kCloseProtocolError, "The close code is not allowed.");
        const QByteArrayView reason = QByteArrayView(payload).sliced(2);
        if (!Utf8Validator::isValid(reason))
            return fail(consumed, kCloseInvalidPayload, "The close reason is not UTF-8.");
        m_closeCode = code;
        m_closeReason = reason.toByteArray();
        return {consumed, Event::Close};
    }
    case Opcode::Continuation:
    case Opcode::Text:
    case Opcode::Binary:
        break;
    }
    if (!m_fin)
        return {consumed, Event::NeedMoreData};
    m_inMessage = false;
    m_payload = std::exchange(m_message, {});
    if (m_messageOpcode == Opcode::Binary)
        return {consumed, Event::Binary};
    if (!Utf8Validator::isValid(m_payload))
        return fail(consumed, kCloseInvalidPayload, "The text is not valid UTF-8.");
    return {consumed, Event::Text};
}

} // namespace Confab::Server
