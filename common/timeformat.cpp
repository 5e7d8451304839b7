#include "common/timeformat.h"

#include <chrono>

namespace Confab {

namespace {

void putDigits(char *out, int value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char('0' + value % 10);
        value /= 10;
    }
}

} // namespace

bool formatTimestampAscii(qint64 msSinceEpoch, char (&out)[kTimestampLength])
{
    // 0001-01-01T00:00:00.000Z up to the end of 9999. Beyond, the calendar types' year
    // wraps; before, Qt writes year 0 as -0001.
    constexpr qint64 kFirstMs = -62135596800000LL;
    constexpr qint64 kEndMs = 253402300800000LL;
    if (msSinceEpoch < kFirstMs || msSinceEpoch >= kEndMs)
        return false;
    using namespace std::chrono;
    const sys_time<milliseconds> time {milliseconds(msSinceEpoch)};
    const sys_days day = floor<days>(time);
    const year_month_day date(day);
    const int year = int(date.year());
    const hh_mm_ss clock(time - day);
    putDigits(out, year, 4);
    out[4] = '-';
    putDigits(out + 5, int(unsigned(date.month())), 2);
    out[7] = '-';
    putDigits(out + 8, int(unsigned(date.day())), 2);
    out[10] = 'T';
    putDigits(out + 11, int(clock.hours().count()), 2);
    out[13] = ':';
    putDigits(out + 14, int(clock.minutes().count()), 2);
    out[16] = ':';
    putDigits(out + 17, int(clock.seconds().count()), 2);
    out[19] = '.';
    putDigits(out + 20, int(clock.subseconds().count()), 3);
    out[23] = 'Z';
    return true;
}

QString formatTimestamp(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    // Qt's own formatting goes through the locale and the calendar: a conversation list of
    // fifty participants spent an eighth of its time there (docs/performance.md).
    char text[kTimestampLength];
    if (formatTimestampAscii(time.toMSecsSinceEpoch(), text))
        return QString::fromLatin1(text, kTimestampLength);
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

QDateTime parseTimestamp(const QString &text)
{
    QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid() || parsed.timeSpec() == Qt::LocalTime)
        return {};
    return parsed.toUTC();
}

QDateTime fromEpochMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QJsonValue timestampOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(formatTimestamp(time)) : QJsonValue(QJsonValue::Null);
}

} // namespace Confab
