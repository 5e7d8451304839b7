#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QLatin1StringView>
#include <QString>

namespace Confab {

/// Writes compact JSON straight into bytes, one value after another, without building a
/// QJsonObject tree first. The wire types use it for the bodies that are large and hot
/// (a conversation list with its participants is mostly users), where the tree and its
/// serialisation cost several times the writing (docs/performance.md, "Reconnect storm").
/// The result parses to exactly what the types' toJson() builds; tst_jsonwriter checks it.
///
/// Keys are ASCII names given by the caller and are written as they are. Strings are
/// written as UTF-8 with `"`, `\` and control characters escaped; half a surrogate pair,
/// which UTF-8 cannot carry, is written as a \u escape.
class JsonWriter
{
public:
    explicit JsonWriter(qsizetype reserve = 256);

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    /// The next value belongs to this key of the enclosing object.
    JsonWriter &key(QLatin1StringView name);

    void value(const QString &text);
    void value(QLatin1StringView text);
    /// Would otherwise pick value(bool): name the text's encoding instead.
    void value(const char *text) = delete;
    void value(qint64 number);
    void value(int number) { value(qint64(number)); }
    void value(bool flag);
    void null();
    /// A wire timestamp, or null for an invalid time.
    void timestamp(const QDateTime &time);
    /// A string that is null when empty.
    void stringOrNull(const QString &text);

    const QByteArray &bytes() const { return m_out; }
    QByteArray take() { return std::move(m_out); }

private:
    void beforeValue();
    void appendEscaped(QByteArrayView utf8);
    void appendWithLoneSurrogates(QStringView text);

    QByteArray m_out;
    bool m_needsComma = false;
};

} // namespace Confab
