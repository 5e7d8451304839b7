#include "server/core/log/serverlog.h"

#include <QDateTime>

#include <cstdio>

namespace Confab::Server::ServerLog {

namespace {

QLatin1String levelName(QtMsgType level)
{
    switch (level) {
    case QtDebugMsg:
        return QLatin1String("debug");
    case QtInfoMsg:
        return QLatin1String("info");
    case QtWarningMsg:
        return QLatin1String("warning");
    case QtCriticalMsg:
        return QLatin1String("error");
    case QtFatalMsg:
        return QLatin1String("fatal");
    }
    return QLatin1String("info");
}

QString quoted(const QString &value)
{
    bool plain = !value.isEmpty();
    for (const QChar c : value) {
        if (c.isSpace() || c == QLatin1Char('"') || c == QLatin1Char('=') || c == QLatin1Char('\\')
            || c.category() == QChar::Other_Control) {
            plain = false;
            break;
        }
    }
    if (plain)
        return value;
    QString escaped = QStringLiteral("\"");
    for (const QChar c : value) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            escaped += QLatin1Char('\\') + QString(c);
        else if (c == QLatin1Char('\n'))
            escaped += QLatin1String("\\n");
        else if (c == QLatin1Char('\r'))
            escaped += QLatin1String("\\r");
        else if (c == QLatin1Char('\t'))
            escaped += QLatin1String("\\t");
        else if (c.category() == QChar::Other_Control)
            escaped += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            escaped += c;
    }
    return escaped + QLatin1Char('"');
}

void write(const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    // One write per record, so that records from different threads never interleave.
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

void handleQtMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString category =
        context.category ? QString::fromLatin1(context.category) : QStringLiteral("default");
    write(format(type, category, {{QStringLiteral("msg"), message}}));
}

} // namespace

QString format(QtMsgType level, const QString &event, const Fields &fields)
{
    QString line = QLatin1String("level=") + levelName(level) + QLatin1String(" time=")
        + QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) + QLatin1String(" event=")
        + quoted(event);
    for (const auto &[key, value] : fields)
        line += QLatin1Char(' ') + key + QLatin1Char('=') + quoted(value);
    return line;
}

void logEvent(QtMsgType level, const QString &event, const Fields &fields)
{
    write(format(level, event, fields));
}

void install()
{
    qInstallMessageHandler(&handleQtMessage);
}

} // namespace Confab::Server::ServerLog
