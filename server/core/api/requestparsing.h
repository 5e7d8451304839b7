#pragma once

#include "server/core/http/apirequest.h"

#include "common/jsonreader.h"

namespace Confab::Server {

/// Reads a request body as the protocol type T (400 for bad JSON, wrong types or missing fields).
template<typename T>
Result<T> parseBody(const ApiRequest &request)
{
    Result<QJsonObject> object = parseJsonObject(request.body);
    if (!object)
        return object.error();
    return T::fromJson(*object);
}

/// An integer query parameter within [min, max]; `fallback` when absent.
Result<qint64> queryInteger(const ApiRequest &request, const QString &name, qint64 fallback,
    qint64 min, qint64 max, const QString &errorCode);

} // namespace Confab::Server
