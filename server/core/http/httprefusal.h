#pragma once

#include "common/error.h"

#include <QByteArray>

namespace Confab::Server {

/// An HTTP error answer decided before QHttpServer sees a request: the JSON error and any
/// header lines it needs besides (each ending in CRLF).
struct HttpRefusal
{
    HttpRefusal(Error error, QByteArray extraHeaders = {})
        : error(std::move(error))
        , extraHeaders(std::move(extraHeaders))
    { }

    Error error;
    QByteArray extraHeaders;
};

} // namespace Confab::Server
