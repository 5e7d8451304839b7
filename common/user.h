#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace Confab {

class JsonWriter;

/// A person with an account, as every other user may see them.
struct User
{
    qint64 id = 0;
    QString username;
    QString displayName;
    QString bio;
    QString profilePictureUrl;
    bool online = false;
    QDateTime lastSeenAt; ///< invalid (null on the wire) until first seen
    QDateTime createdAt;

    QJsonObject toJson() const;
    /// The same object as toJson(), written straight into a JsonWriter.
    void writeJson(JsonWriter &writer) const;
    static Result<User> fromJson(const QJsonObject &json);
    bool operator==(const User &other) const = default;
};

} // namespace Confab
