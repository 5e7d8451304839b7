#pragma once

#include "common/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace Confab::Server {

/// An HTTP response; serialised by the server, never by handlers.
struct ApiResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    /// Extra header fields; a Cache-Control here replaces the default `no-store`.
    QList<QPair<QByteArray, QByteArray>> headers;

    static ApiResponse json(int status, const QJsonObject &object);
    /// A JSON body written beforehand.
    static ApiResponse jsonBody(int status, QByteArray body);
    static ApiResponse error(const Error &error);
    static ApiResponse noContent();

    /// The full HTTP/1.1 response. `closeConnection` adds `Connection: close`.
    QByteArray serialize(bool closeConnection) const;
};

/// The reason phrase of a status code, for status lines.
QByteArray reasonPhrase(int status);

} // namespace Confab::Server
