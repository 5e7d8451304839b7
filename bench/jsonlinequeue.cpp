#include "bench/jsonlinequeue.h"

#include <QJsonDocument>

namespace Confab::Bench {

void JsonLineQueue::append(const QByteArray &bytes)
{
    m_partial += bytes;
    qsizetype newline;
    while ((newline = m_partial.indexOf('\n')) >= 0) {
        const QJsonObject object = QJsonDocument::fromJson(m_partial.left(newline)).object();
        m_partial.remove(0, newline + 1);
        if (!object.isEmpty())
            m_lines.enqueue(object);
    }
}

} // namespace Confab::Bench
