#pragma once

#include <chrono>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QtGlobal>

namespace Confab::Server {

/// The limits the guarded TCP front enforces before QHttpServer buffers anything.
/// QHttpServer 6.4 has none of its own (whole bodies in memory, unbounded headers, no timeouts).
struct HttpLimits
{
    /// A larger (or smaller) body limit for one route, e.g. avatar uploads.
    struct RouteBodyLimit
    {
        QByteArray method;
        /// Matches the path itself and anything below it ("/a" matches "/a", "/a/b", "/a?x"),
        /// never a longer sibling ("/ab").
        QByteArray pathPrefix;
        qint64 maxBodyBytes = 0;
    };

    qint64 maxBodyBytes = 64 * 1024;
    /// Request line plus header fields plus the blank line that ends them.
    qint64 maxHeaderBytes = 16 * 1024;
    /// From the first byte of a request until its last body byte.
    std::chrono::milliseconds requestTimeout {10000};
    /// A kept-alive connection with no request in progress.
    std::chrono::milliseconds idleTimeout {60000};
    /// After an error reply: how long we keep discarding the client's bytes so that it can read
    /// the reply before we close (closing with unread data makes the kernel send a RST).
    std::chrono::milliseconds lingerTimeout {2000};
    /// From accepting a TLS connection until its handshake is done (TLS listeners only).
    std::chrono::milliseconds handshakeTimeout {10000};
    int maxConnections = 50000;
    /// First match wins.
    QList<RouteBodyLimit> routeBodyLimits;

    /// The body limit for a request; `target` is the request-target as sent (query allowed).
    qint64 bodyLimitFor(QByteArrayView method, QByteArrayView target) const;
    /// The largest body any route may receive.
    qint64 largestBodyLimit() const;
};

} // namespace Confab::Server
