#pragma once

#include <QJsonArray>
#include <QString>

namespace Confab::Bench {

/// The results as a plain-text table, one line per row, for the terminal and the docs.
QString formatResultTable(const QJsonArray &rows);

} // namespace Confab::Bench
