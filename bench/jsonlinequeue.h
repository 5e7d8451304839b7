#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QQueue>

namespace Confab::Bench {

/// The JSON objects a child process reports, one per line, as its output arrives in pieces:
/// complete lines become objects in arrival order; a partial line waits for its end.
class JsonLineQueue
{
public:
    void append(const QByteArray &bytes);
    bool isEmpty() const { return m_lines.isEmpty(); }
    QJsonObject dequeue() { return m_lines.dequeue(); }

private:
    QByteArray m_partial;
    QQueue<QJsonObject> m_lines;
};

} // namespace Confab::Bench
