#include "processusage.h"

#include <QFile>
#include <QList>

#include <unistd.h>

namespace cd::bench {

namespace {

// "VmRSS:	  123456 kB" → 123456
qint64 statusKiB(const QByteArray &status, const QByteArray &key)
{
    for (const QByteArray &line : status.split('\n')) {
        if (line.startsWith(QByteArray(key).append(':')))
            return line.mid(key.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

QByteArray readPidFile(qint64 pid, const char *name)
{
    return readProcFile(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(name)));
}

}  // namespace

QByteArray readProcFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

std::optional<ProcessUsage> readProcessUsage(qint64 pid)
{
    const QByteArray status = readPidFile(pid, "status");
    const QByteArray stat = readPidFile(pid, "stat");
    // The command name in field 2 may hold spaces and parentheses: count fields after the last ')'.
    const qsizetype nameEnd = stat.lastIndexOf(')');
    if (status.isEmpty() || nameEnd < 0)
        return std::nullopt;
    const QList<QByteArray> fields = stat.mid(nameEnd + 2).split(' ');  // fields[0] is field 3 (state)
    if (fields.size() < 13)
        return std::nullopt;
    const qint64 ticks = fields.at(11).toLongLong() + fields.at(12).toLongLong();  // utime (14), stime (15)
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);

    ProcessUsage usage;
    usage.rssKiB = statusKiB(status, "VmRSS");
    usage.peakRssKiB = statusKiB(status, "VmHWM");
    usage.cpuMs = ticksPerSecond > 0 ? ticks * 1000 / ticksPerSecond : 0;
    for (const QByteArray &line : readPidFile(pid, "io").split('\n')) {
        if (line.startsWith("write_bytes:"))
            usage.writtenBytes = line.mid(12).trimmed().toLongLong();
    }
    return usage;
}

}  // namespace cd::bench
