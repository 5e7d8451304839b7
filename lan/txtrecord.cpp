#include "lan/txtrecord.h"

namespace Confab::Lan::TxtRecord {

QByteArray encode(const QList<std::pair<QByteArray, QByteArray>> &entries)
{
    QByteArray record;
    for (const auto &[key, value] : entries) {
        const QByteArray entry = key + '=' + value;
        if (key.isEmpty() || entry.size() > 255)
            continue;
        record.append(char(entry.size()));
        record.append(entry);
    }
    return record;
}

QMap<QByteArray, QByteArray> decode(const QByteArray &record)
{
    QMap<QByteArray, QByteArray> entries;
    qsizetype at = 0;
    while (at < record.size()) {
        const qsizetype length = quint8(record.at(at));
        ++at;
        if (at + length > record.size())
            break;
        const QByteArray entry = record.mid(at, length);
        at += length;
        const qsizetype equals = entry.indexOf('=');
        const QByteArray key = (equals < 0 ? entry : entry.left(equals)).toLower();
        if (key.isEmpty() || entries.contains(key))
            continue;
        entries.insert(key, equals < 0 ? QByteArray() : entry.mid(equals + 1));
    }
    return entries;
}

} // namespace Confab::Lan::TxtRecord
