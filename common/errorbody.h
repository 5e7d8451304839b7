#pragma once

#include "common/error.h"
#include <optional>

#include <QByteArray>
#include <QJsonObject>

namespace Confab {

/// {"error":{"code":"…","message":"…"}}: how every failure crosses the wire.
QJsonObject errorToJson(const Error &error);
QByteArray errorToBody(const Error &error);
/// Reads an error body; the status is the caller's to fill in. nullopt when `json` is not one.
std::optional<Error> errorFromJson(const QJsonObject &json);

} // namespace Confab
