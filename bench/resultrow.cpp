#include "bench/scenarios.h"

#include <QJsonObject>

namespace Confab::Bench {

QJsonObject resultRow(
    const QString &scenario, const QString &database, const QJsonObject &parameters)
{
    QJsonObject row;
    row.insert(QStringLiteral("scenario"), scenario);
    row.insert(QStringLiteral("database"), database);
    row.insert(QStringLiteral("parameters"), parameters);
    row.insert(QStringLiteral("problems"), QJsonArray());
    return row;
}

void addProblem(QJsonObject &row, const QString &problem)
{
    QJsonArray problems = row.value(QStringLiteral("problems")).toArray();
    problems.append(QString(problem).simplified());
    row.insert(QStringLiteral("problems"), problems);
}

} // namespace Confab::Bench
