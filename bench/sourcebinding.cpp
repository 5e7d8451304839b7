#include "bench/sourcebinding.h"

#include <QTcpSocket>

#ifdef Q_OS_LINUX
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace Confab::Bench {

namespace {

#ifdef Q_OS_LINUX
/// A socket bound to `source` with its port still open; -1 when the kernel refuses.
int boundWithoutPort(const QHostAddress &source)
{
    if (source.protocol() != QAbstractSocket::IPv4Protocol)
        return -1;
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    const int on = 1;
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(source.toIPv4Address());
    if (::setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on) != 0
        || ::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}
#endif

} // namespace

bool bindSource(QTcpSocket &socket, const QHostAddress &source)
{
#ifdef Q_OS_LINUX
    const int fd = boundWithoutPort(source);
    if (fd >= 0) {
        // connectToHost() keeps a bound socket's descriptor, as after QAbstractSocket::bind().
        if (socket.setSocketDescriptor(fd, QAbstractSocket::BoundState))
            return true;
        ::close(fd);
    }
#endif
    return socket.bind(source, 0);
}

} // namespace Confab::Bench
