#pragma once

#include <QString>

namespace Confab {

/// What went wrong, as it crosses the wire: a stable snake_case code, a sentence for people,
/// and the HTTP status the server answers with (0 when no status applies).
struct Error
{
    QString code;
    QString message;
    int httpStatus = 0;

    bool operator==(const Error &other) const = default;
};

/// Builds an error; the helpers below name the common statuses.
inline Error makeError(int status, QString code, QString message)
{
    return Error {std::move(code), std::move(message), status};
}
inline Error badRequest(QString code, QString message)
{
    return makeError(400, std::move(code), std::move(message));
}
inline Error unauthorized(QString code, QString message)
{
    return makeError(401, std::move(code), std::move(message));
}
inline Error forbidden(QString code, QString message)
{
    return makeError(403, std::move(code), std::move(message));
}
inline Error notFound(QString code, QString message)
{
    return makeError(404, std::move(code), std::move(message));
}
inline Error conflict(QString code, QString message)
{
    return makeError(409, std::move(code), std::move(message));
}
inline Error internalError(QString message)
{
    return makeError(500, QStringLiteral("internal_error"), std::move(message));
}

} // namespace Confab
