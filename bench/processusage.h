#pragma once
// What a process costs, read from /proc (Linux): resident memory now and at its peak, CPU time
// used so far (user + system, all threads) and bytes it caused to be written to storage.

#include <QByteArray>
#include <QString>

#include <optional>

namespace cd::bench {

struct ProcessUsage {
    qint64 rssKiB = 0;      // VmRSS
    qint64 peakRssKiB = 0;  // VmHWM
    qint64 cpuMs = 0;       // utime + stime
    qint64 writtenBytes = 0;  // write_bytes from /proc/<pid>/io
};

// nullopt when the process is gone or /proc cannot be read.
std::optional<ProcessUsage> readProcessUsage(qint64 pid);
// A whole /proc file (they are small); empty when it cannot be read.
QByteArray readProcFile(const QString &path);

}  // namespace cd::bench
