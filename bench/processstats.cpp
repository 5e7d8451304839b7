#include "bench/processstats.h"

#include <QByteArray>
#include <QFile>
#include <QList>

#include <unistd.h>

namespace Confab::Bench {

namespace {

QByteArray readProcFile(qint64 pid, const char *name)
{
    const QString path = pid == 0 ? QStringLiteral("/proc/self/%1").arg(QLatin1String(name))
                                  : QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(name));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

ProcessSample sampleProcess(qint64 pid)
{
    ProcessSample sample;
    const QByteArray stat = readProcFile(pid, "stat");
    // The command name in parentheses may contain spaces: fields are counted after it.
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return sample;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    // After the name: state(3) ... utime(14) stime(15), i.e. indexes 11 and 12 here.
    if (fields.size() < 13)
        return sample;
    const double ticks = double(sysconf(_SC_CLK_TCK));
    sample.cpuSeconds = (fields.at(11).toDouble() + fields.at(12).toDouble()) / ticks;

    const QByteArray status = readProcFile(pid, "status");
    auto kb = [](const QByteArray &line, qsizetype from) {
        return line.mid(from).trimmed().split(' ').value(0).toLongLong();
    };
    for (const QByteArray &line : status.split('\n')) {
        if (line.startsWith("VmRSS:"))
            sample.rssKb = kb(line, 6);
        else if (line.startsWith("RssAnon:"))
            sample.rssAnonKb = kb(line, 8);
        else if (line.startsWith("RssFile:"))
            sample.rssFileKb = kb(line, 8);
    }
    sample.valid = true;
    return sample;
}

} // namespace Confab::Bench
