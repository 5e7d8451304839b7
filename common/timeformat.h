#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

namespace Confab {

/// Times cross the wire as ISO-8601 UTC with milliseconds: 2026-11-24T10:00:00.123Z.
QString formatTimestamp(const QDateTime &time);
/// Length of the wire form of a timestamp.
inline constexpr int kTimestampLength = 24;
/// Writes the wire form of a time given in milliseconds since the epoch into out (no
/// terminator). False for years outside 0001-9999, which only formatTimestamp handles.
bool formatTimestampAscii(qint64 msSinceEpoch, char (&out)[kTimestampLength]);
/// Parses a wire timestamp; returns an invalid QDateTime for anything else.
QDateTime parseTimestamp(const QString &text);
/// Milliseconds since the epoch, the form the databases store.
QDateTime fromEpochMs(qint64 ms);
/// The wire form of an optional time: the timestamp, or JSON null when invalid.
QJsonValue timestampOrNull(const QDateTime &time);

} // namespace Confab
