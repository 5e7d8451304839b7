#include "common/jsonwriter.h"

#include "common/timeformat.h"

#include <charconv>

namespace Confab {

namespace {

bool needsEscape(char c)
{
    return static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\';
}

/// `\uXXXX` for one UTF-16 code unit.
void appendUnicodeEscape(QByteArray &out, char16_t unit)
{
    static constexpr char kHex[] = "0123456789abcdef";
    const char escaped[] = {'\\', 'u', kHex[(unit >> 12) & 0xf], kHex[(unit >> 8) & 0xf],
        kHex[(unit >> 4) & 0xf], kHex[unit & 0xf]};
    out.append(escaped, sizeof escaped);
}

} // namespace

JsonWriter::JsonWriter(qsizetype reserve)
{
    m_out.reserve(reserve);
}

void JsonWriter::beforeValue()
{
    if (m_needsComma)
        m_out.append(',');
    m_needsComma = true;
}

void JsonWriter::beginObject()
{
    beforeValue();
    m_out.append('{');
    m_needsComma = false;
}

void JsonWriter::endObject()
{
    m_out.append('}');
    m_needsComma = true;
}

void JsonWriter::beginArray()
{
    beforeValue();
    m_out.append('[');
    m_needsComma = false;
}

void JsonWriter::endArray()
{
    m_out.append(']');
    m_needsComma = true;
}

JsonWriter &JsonWriter::key(QLatin1StringView name)
{
    beforeValue();
    m_out.append('"');
    m_out.append(name.data(), name.size());
    m_out.append("\":", 2);
    m_needsComma = false; // the value that follows belongs to this key
    return *this;
}

void JsonWriter::value(const QString &text)
{
    beforeValue();
    m_out.append('"');
    if (QStringView(text).isValidUtf16())
        appendEscaped(text.toUtf8());
    else
        appendWithLoneSurrogates(text);
    m_out.append('"');
}

void JsonWriter::appendWithLoneSurrogates(QStringView text)
{
    // UTF-8 has no form for half a surrogate pair (toUtf8() would write '?'); JSON's \u
    // escape keeps it, as QJsonDocument does, so the text reads back as it was.
    qsizetype runFrom = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t unit = text[i].unicode();
        if (QChar::isHighSurrogate(unit) && i + 1 < text.size()
            && QChar::isLowSurrogate(text[i + 1].unicode())) {
            ++i; // a whole pair: part of the run
            continue;
        }
        if (!QChar::isSurrogate(unit))
            continue;
        appendEscaped(text.sliced(runFrom, i - runFrom).toUtf8());
        appendUnicodeEscape(m_out, unit);
        runFrom = i + 1;
    }
    appendEscaped(text.sliced(runFrom).toUtf8());
}

void JsonWriter::value(QLatin1StringView text)
{
    value(QString(text));
}

void JsonWriter::value(qint64 number)
{
    beforeValue();
    char digits[24];
    const std::to_chars_result written = std::to_chars(digits, digits + sizeof digits, number);
    m_out.append(digits, written.ptr - digits);
}

void JsonWriter::value(bool flag)
{
    beforeValue();
    if (flag)
        m_out.append("true", 4);
    else
        m_out.append("false", 5);
}

void JsonWriter::null()
{
    beforeValue();
    m_out.append("null", 4);
}

void JsonWriter::timestamp(const QDateTime &time)
{
    if (!time.isValid()) {
        null();
        return;
    }
    char text[kTimestampLength];
    if (!formatTimestampAscii(time.toMSecsSinceEpoch(), text)) {
        value(formatTimestamp(time));
        return;
    }
    beforeValue();
    m_out.append('"');
    m_out.append(text, kTimestampLength);
    m_out.append('"');
}

void JsonWriter::stringOrNull(const QString &text)
{
    if (text.isEmpty())
        null();
    else
        value(text);
}

void JsonWriter::appendEscaped(QByteArrayView utf8)
{
    qsizetype plainFrom = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8[i];
        if (!needsEscape(c))
            continue;
        m_out.append(utf8.data() + plainFrom, i - plainFrom);
        plainFrom = i + 1;
        switch (c) {
        case '"':
            m_out.append("\\\"", 2);
            break;
        case '\\':
            m_out.append("\\\\", 2);
            break;
        case '\n':
            m_out.append("\\n", 2);
            break;
        case '\r':
            m_out.append("\\r", 2);
            break;
        case '\t':
            m_out.append("\\t", 2);
            break;
        case '\b':
            m_out.append("\\b", 2);
            break;
        case '\f':
            m_out.append("\\f", 2);
            break;
        default:
            appendUnicodeEscape(m_out, static_cast<unsigned char>(c));
        }
    }
    m_out.append(utf8.data() + plainFrom, utf8.size() - plainFrom);
}

} // namespace Confab
