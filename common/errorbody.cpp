#include "common/errorbody.h"

#include "common/jsonreader.h"

#include <QJsonDocument>

namespace Confab {

QJsonObject errorToJson(const Error &error)
{
    return QJsonObject {{QStringLiteral("error"),
        QJsonObject {
            {QStringLiteral("code"), error.code}, {QStringLiteral("message"), error.message}}}};
}

QByteArray errorToBody(const Error &error)
{
    return QJsonDocument(errorToJson(error)).toJson(QJsonDocument::Compact);
}

std::optional<Error> errorFromJson(const QJsonObject &json)
{
    JsonReader outer(json);
    const QJsonObject inner = outer.requiredObject(QStringLiteral("error"));
    if (!outer.ok())
        return std::nullopt;
    JsonReader reader(inner);
    Error error;
    error.code = reader.requiredString(QStringLiteral("code"));
    error.message = reader.requiredString(QStringLiteral("message"));
    if (!reader.ok())
        return std::nullopt;
    return error;
}

} // namespace Confab
