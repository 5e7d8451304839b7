#include "common/jsonreader.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace Confab {

namespace {
constexpr double kMaxSafeInteger = 9007199254740991.0; // 2^53 - 1: exact in a JSON number

bool isWholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    return std::isfinite(d) && std::floor(d) == d && std::fabs(d) <= kMaxSafeInteger;
}
} // namespace

Result<QJsonObject> parseJsonObject(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return badRequest(QStringLiteral("invalid_json"),
            QStringLiteral("The body is not valid JSON: %1 at offset %2.")
                .arg(parseError.errorString())
                .arg(parseError.offset));
    if (!doc.isObject())
        return badRequest(
            QStringLiteral("invalid_json"), QStringLiteral("The body must be a JSON object."));
    return doc.object();
}

void JsonReader::fail(const QString &code, const QString &message)
{
    if (!m_error)
        m_error = badRequest(code, message);
}

bool JsonReader::present(const QString &key) const
{
    const auto it = m_object.constFind(key);
    return it != m_object.constEnd() && !it->isNull() && !it->isUndefined();
}

QString JsonReader::requiredString(const QString &key)
{
    const QJsonValue value = m_object.value(key);
    if (!present(key)) {
        fail(QStringLiteral("missing_field"),
            QStringLiteral("The field \"%1\" is required.").arg(key));
        return {};
    }
    if (!value.isString()) {
        fail(QStringLiteral("invalid_field"),
            QStringLiteral("The field \"%1\" must be a string.").arg(key));
        return {};
    }
    return value.toString();
}

std::optional<QString> JsonReader::optionalString(const QString &key)
{
    if (!present(key))
        return std::nullopt;
    const QJsonValue value = m_object.value(key);
    if (!value.isString()) {
        fail(QStringLiteral("invalid_field"),
            QStringLiteral("The field \"%1\" must be a string.").arg(key));
        return std::nullopt;
    }
    return value.toString();
}

qint64 JsonReader::requiredId(const QString &key)
{
    if (!present(key)) {
        fail(QStringLiteral("missing_field"),
            QStringLiteral("The field \"%1\" is required.").arg(key));
        return 0;
    }
    const auto id = optionalId(key);
    return id.value_or(0);
}

std::optional<qint64> JsonReader::optionalId(const QString &key)
{
    if (!present(key))
        return std::nullopt;
    const QJsonValue value = m_object.value(key);
    if (!isWholeNumber(value) || value.toDouble() < 1) {
        fail(QStringLiteral("invalid_field"),
            QStringLiteral("The field \"%1\" must be a positive integer id.").arg(key));
        return std::nullopt;
    }
    return static_cast<qint64>(value.toDouble());
}

qint64 JsonReader::optionalInteger(const QString &key, qint64 fallback)
{
    if (!present(key))
        return fallback;
    const QJsonValue value = m_object.value(key);
    if (!isWholeNumber(value)) {
        fail(QStringLiteral("invalid_field"),
            QStringLiteral("The field \"%1\" must be an integer.").arg(key));
        return fallback;
    }
    return static_cast<qint64>(value.toDouble());
}

bool JsonReader::optionalBool(const QString &key, bool fallback)
{
    if (!present(key))
        return fallback;
    const QJsonValue value = m_object.value(key);
    if (!value.isBool()) {
        fail(QStringLiteral("invalid_field"),
            QStringLiteral("The field \"%1\" must be true or false.").arg(key));
        return fallback;
    }
    return value.toBool();
}

QList<qint64> JsonReader::requiredIdList(const QString &key)
{
    const QJsonArray array = requiredArray(key);
    QList<qint64> ids;
    ids.reserve(array.size());
    for (const QJsonValue &item : array) {
        if (!isWholeNumber(item) || item.toDouble() < 1) {
            fail(QStringLiteral("invalid_field"),
                QStringLiteral("Every entry of \"%1\" must be a positive integer id.").arg(key));
            return {};
        }
        ids.append(static_cast<qint64>(item.toDouble()));
    }
    return ids;
}

QJsonObject JsonReader::requiredObject(const QString &key)
{
    if (!present(key)) {
        fail(QStringLiteral("missing_field"),
            QStringLiteral("The field \"%1\" is required.").arg(key));
        return {};
    }
    return optionalObject(key).value_or(QJsonObject());
}

std::optional<QJsonObject> JsonReader::optionalObject(const QString &key)
{
    if (!present(key))
        return std::nullopt;
    const QJsonValue value = m_object.value(key);
    if (!value.isObject()) {
        fail(QStringLiteral("invalid_field"),
            QStringLiteral("The field \"%1\" must be an object.").arg(key));
        return std::nullopt;
    }
    return value.toObject();
}

QJsonArray JsonReader::requiredArray(const QString &key)
{
    if (!present(key)) {
        fail(QStringLiteral("missing_field"),
            QStringLiteral("The field \"%1\" is required.").arg(key));
        return {};
    }
    const QJsonValue value = m_object.value(key);
    if (!value.isArray()) {
        fail(QStringLiteral("invalid_field"),
            QStringLiteral("The field \"%1\" must be an array.").arg(key));
        return {};
    }
    return value.toArray();
}

} // namespace Confab
