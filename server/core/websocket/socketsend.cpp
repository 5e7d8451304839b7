#include "server/core/websocket/socketsend.h"

#if defined(Q_OS_UNIX)
#include <cerrno>
#include <sys/socket.h>
#include <sys/types.h>
#endif

namespace Confab::Server {

qsizetype sendWithoutBlocking(qintptr descriptor, QByteArrayView bytes)
{
#if defined(Q_OS_UNIX)
    if (descriptor < 0 || bytes.isEmpty())
        return 0;
#if defined(MSG_NOSIGNAL)
    constexpr int flags = MSG_DONTWAIT | MSG_NOSIGNAL; // a closed peer is an error, not SIGPIPE
#else
    constexpr int flags = MSG_DONTWAIT;
#endif
    for (;;) {
        const ssize_t sent = ::send(int(descriptor), bytes.data(), size_t(bytes.size()), flags);
        if (sent >= 0)
            return qsizetype(sent);
        if (errno != EINTR)
            return 0;
    }
#else
    Q_UNUSED(descriptor);
    Q_UNUSED(bytes);
    return 0;
#endif
}

} // namespace Confab::Server
