#pragma once

#include <QString>

namespace Confab {

/// Length limits count characters as people see them: Unicode code points, so an emoji is
/// one character, not two UTF-16 units.
inline qsizetype characterCount(const QString &text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (!(text.at(i).isHighSurrogate() && i + 1 < text.size()
                && text.at(i + 1).isLowSurrogate()))
            ++count;
    }
    return count;
}

} // namespace Confab
