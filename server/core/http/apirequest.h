#pragma once

#include <QByteArray>
#include <QHttpServerRequest>
#include <QList>
#include <QString>
#include <QUrlQuery>

namespace Confab::Server {

/// What a handler needs of an HTTP request, copied out of QHttpServer's request (which is
/// tied to the socket) so that handlers may outlive the call that received it.
struct ApiRequest
{
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QString path;
    QUrlQuery query;
    QByteArray body;
    QByteArray contentType;
    QByteArray ifNoneMatch; ///< the If-None-Match header, for cache validation
    QList<qint64> ids; ///< the numeric path parameters, in order
    qint64 userId = 0; ///< the caller, taken from the access token (0 on public routes)
};

} // namespace Confab::Server
