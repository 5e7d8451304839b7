#include "server/core/http/apiresponse.h"

#include "common/errorbody.h"

#include <QJsonDocument>

#include <algorithm>

namespace Confab::Server {

ApiResponse ApiResponse::json(int status, const QJsonObject &object)
{
    return ApiResponse {status, QJsonDocument(object).toJson(QJsonDocument::Compact),
        QByteArrayLiteral("application/json"), {}};
}

ApiResponse ApiResponse::jsonBody(int status, QByteArray body)
{
    return ApiResponse {status, std::move(body), QByteArrayLiteral("application/json"), {}};
}

ApiResponse ApiResponse::error(const Error &error)
{
    const int status = error.httpStatus > 0 ? error.httpStatus : 500;
    return ApiResponse {status, errorToBody(error), QByteArrayLiteral("application/json"), {}};
}

ApiResponse ApiResponse::noContent()
{
    return ApiResponse {204, {}, {}, {}};
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 204:
        return QByteArrayLiteral("No Content");
    case 304:
        return QByteArrayLiteral("Not Modified");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 415:
        return QByteArrayLiteral("Unsupported Media Type");
    case 426:
        return QByteArrayLiteral("Upgrade Required");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    default:
        return QByteArrayLiteral("Status");
    }
}

QByteArray ApiResponse::serialize(bool closeConnection) const
{
    QByteArray out;
    out.reserve(160 + body.size());
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!body.isEmpty() && !contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    if (status != 204 && status != 304)
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    // Only responses that name their own caching (avatars) may be kept by a cache.
    const bool ownCaching = std::any_of(headers.begin(), headers.end(), [](const auto &header) {
        return header.first.compare("Cache-Control", Qt::CaseInsensitive) == 0;
    });
    if (!ownCaching)
        out += "Cache-Control: no-store\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (closeConnection)
        out += "Connection: close\r\n";
    out += "\r\n";
    out += body;
    return out;
}

} // namespace Confab::Server
