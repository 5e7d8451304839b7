#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>

namespace Confab::Lan {

/// DNS-SD TXT records in their wire form: a run of strings, each a length byte followed by
/// `key=value` (RFC 6763, section 6).
namespace TxtRecord {
/// Encodes the pairs in order; a pair longer than 255 bytes is left out.
QByteArray encode(const QList<std::pair<QByteArray, QByteArray>> &entries);
/// Decodes what a resolve returned; keys are lower-cased (they are case-insensitive), the
/// first of repeated keys wins, and a string without '=' is a key with an empty value.
QMap<QByteArray, QByteArray> decode(const QByteArray &record);
} // namespace TxtRecord

} // namespace Confab::Lan
