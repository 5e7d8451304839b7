#include "server/core/websocket/websocketframeencoder.h"

#include <QtEndian>

namespace Confab::Server {

using WebSocketProtocol::Opcode;

QByteArray WebSocketFrameEncoder::frame(Opcode opcode, QByteArrayView payload)
{
    const qsizetype size = payload.size();
    const int headerSize = size < 126 ? 2 : size <= 0xFFFF ? 4 : 10;
    QByteArray bytes(headerSize + size, Qt::Uninitialized);
    auto *out = reinterpret_cast<uchar *>(bytes.data());
    out[0] = uchar(0x80 | quint8(opcode)); // FIN, no reserved bits
    if (size < 126) {
        out[1] = uchar(size);
    } else if (size <= 0xFFFF) {
        out[1] = 126;
        qToBigEndian(quint16(size), out + 2);
    } else {
        out[1] = 127;
        qToBigEndian(quint64(size), out + 2);
    }
    if (size > 0)
        memcpy(out + headerSize, payload.data(), size_t(size));
    return bytes;
}

QByteArray WebSocketFrameEncoder::text(QByteArrayView utf8)
{
    return frame(Opcode::Text, utf8);
}

QByteArray WebSocketFrameEncoder::binary(QByteArrayView payload)
{
    return frame(Opcode::Binary, payload);
}

QByteArray WebSocketFrameEncoder::ping(QByteArrayView payload)
{
    return frame(Opcode::Ping, payload.first(std::min<qsizetype>(payload.size(), 125)));
}

QByteArray WebSocketFrameEncoder::pong(QByteArrayView payload)
{
    return frame(Opcode::Pong, payload.first(std::min<qsizetype>(payload.size(), 125)));
}

QByteArray WebSocketFrameEncoder::close(quint16 code, QByteArrayView reasonUtf8)
{
    qsizetype length =
        std::min<qsizetype>(reasonUtf8.size(), WebSocketProtocol::kMaxControlPayload - 2);
    // Never cut inside a UTF-8 sequence: back up over continuation bytes.
    if (length < reasonUtf8.size()) {
        while (length > 0 && (quint8(reasonUtf8.at(length)) & 0xC0) == 0x80)
            --length;
    }
    QByteArray payload(2 + length, Qt::Uninitialized);
    qToBigEndian(code, payload.data());
    if (length > 0)
        memcpy(payload.data() + 2, reasonUtf8.data(), size_t(length));
    return frame(Opcode::Close, payload);
}

QByteArray WebSocketFrameEncoder::emptyClose()
{
    return frame(Opcode::Close, {});
}

} // namespace Confab::Server
