#include "sessions/latencyprobe.h"

#include <QElapsedTimer>

#include <algorithm>

namespace cd::bench {

double Latency::median() const
{
    if (ms.isEmpty())
        return 0;
    QList<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const qsizetype mid = sorted.size() / 2;
    return sorted.size() % 2 ? sorted.at(mid) : (sorted.at(mid - 1) + sorted.at(mid)) / 2;
}

double Latency::fastest() const
{
    return ms.isEmpty() ? 0 : *std::min_element(ms.begin(), ms.end());
}

double Latency::slowest() const
{
    return ms.isEmpty() ? 0 : *std::max_element(ms.begin(), ms.end());
}

Latency measure(const QString &name, int runs, const std::function<QString(int run)> &operation)
{
    Latency out;
    out.name = name;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        out.detail = operation(run);
        out.ms.append(double(timer.nsecsElapsed()) / 1e6);
    }
    return out;
}

}  // namespace cd::bench
