#include "app/host/hostusername.h"

namespace Confab::Host::HostUsername {

namespace {
constexpr qsizetype kMaxLength = 32;

bool isPunctuation(QChar c)
{
    return c == QLatin1Char('.') || c == QLatin1Char('_') || c == QLatin1Char('-');
}
} // namespace

QString fromDisplayName(const QString &displayName)
{
    // Decomposing first turns "é" into "e" plus a combining accent, which is then dropped.
    const QString decomposed = displayName.normalized(QString::NormalizationForm_KD).toLower();
    QString name;
    for (const QChar c : decomposed) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            name += c;
        else if (isPunctuation(c) || c.isSpace()) {
            const QChar kept = c.isSpace() ? QLatin1Char('.') : c;
            if (!name.isEmpty() && !isPunctuation(name.back()))
                name += kept;
        }
    }
    while (!name.isEmpty() && isPunctuation(name.back()))
        name.chop(1);
    name.truncate(kMaxLength);
    while (!name.isEmpty() && isPunctuation(name.back()))
        name.chop(1);
    return name.size() < 3 ? QStringLiteral("host") : name;
}

QString candidate(const QString &base, int attempt)
{
    if (attempt <= 1)
        return base.left(kMaxLength);
    const QString suffix = QString::number(attempt);
    return base.left(kMaxLength - suffix.size()) + suffix;
}

} // namespace Confab::Host::HostUsername
