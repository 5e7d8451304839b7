#include "server/core/storage/pgarrayliteral.h"

namespace Confab::Server::PgArray {

QString ofIntegers(const QList<qint64> &values)
{
    QString text = QStringLiteral("{");
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            text += QLatin1Char(',');
        text += QString::number(values.at(i));
    }
    return text + QLatin1Char('}');
}

QString ofTexts(const QList<QString> &values, bool emptyIsNull)
{
    QString text = QStringLiteral("{");
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            text += QLatin1Char(',');
        const QString &value = values.at(i);
        if (emptyIsNull && value.isEmpty()) {
            text += QStringLiteral("NULL");
            continue;
        }
        text += QLatin1Char('"');
        for (QChar c : value) {
            if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
                text += QLatin1Char('\\');
            text += c;
        }
        text += QLatin1Char('"');
    }
    return text + QLatin1Char('}');
}

} // namespace Confab::Server::PgArray
