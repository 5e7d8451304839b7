#include "server/core/websocket/utf8validator.h"

namespace Confab::Server {

bool Utf8Validator::isValid(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *end = p + bytes.size();
    while (p < end) {
        const unsigned char lead = *p;
        if (lead < 0x80) {
            ++p;
            continue;
        }
        int continuation = 0;
        // The second byte's range excludes overlong forms, surrogates and code points past
        // U+10FFFF (RFC 3629 §4).
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuation = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            continuation = 2;
            if (lead == 0xE0)
                low = 0xA0;
            else if (lead == 0xED)
                high = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            continuation = 3;
            if (lead == 0xF0)
                low = 0x90;
            else if (lead == 0xF4)
                high = 0x8F;
        } else {
            return false;
        }
        if (end - p <= continuation)
            return false;
        if (p[1] < low || p[1] > high)
            return false;
        for (int i = 2; i <= continuation; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
        }
        p += continuation + 1;
    }
    return true;
}

} // namespace Confab::Server
