#pragma once

#include "common/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Confab {

/// Parses a request or frame body that must be a JSON object (400 invalid_json otherwise).
Result<QJsonObject> parseJsonObject(const QByteArray &body);

/// Reads typed fields from a JSON object and remembers the first problem, so that a
/// fromJson() can read every field and then report one clear 400 error.
class JsonReader
{
public:
    explicit JsonReader(const QJsonObject &object)
        : m_object(object)
    { }

    QString requiredString(const QString &key);
    std::optional<QString> optionalString(const QString &key);
    /// Optional string that may also be null; null and absence both give std::nullopt.
    std::optional<QString> nullableString(const QString &key) { return optionalString(key); }
    qint64 requiredId(const QString &key);
    std::optional<qint64> optionalId(const QString &key);
    qint64 optionalInteger(const QString &key, qint64 fallback);
    bool optionalBool(const QString &key, bool fallback);
    QList<qint64> requiredIdList(const QString &key);
    QJsonObject requiredObject(const QString &key);
    std::optional<QJsonObject> optionalObject(const QString &key);
    QJsonArray requiredArray(const QString &key);

    bool ok() const { return !m_error.has_value(); }
    const std::optional<Error> &error() const { return m_error; }

private:
    void fail(const QString &code, const QString &message);
    bool present(const QString &key) const;

    QJsonObject m_object;
    std::optional<Error> m_error;
};

} // namespace Confab
