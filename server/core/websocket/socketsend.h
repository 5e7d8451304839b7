#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace Confab::Server {

/// Hands `bytes` to the kernel for the connected socket `descriptor` without blocking, and says
/// how many it took: all, some (the socket's send buffer filled up), or none (it would block,
/// or the connection failed: the socket finds that out itself on its next read or write).
/// Where this is not supported it takes none, and callers queue everything as before.
qsizetype sendWithoutBlocking(qintptr descriptor, QByteArrayView bytes);

} // namespace Confab::Server
