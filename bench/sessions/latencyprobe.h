#pragma once
// Times one operation several times and keeps the figures a reader needs: median, fastest,
// slowest (milliseconds, with microsecond resolution).

#include <QList>
#include <QString>

#include <functional>

namespace cd::bench {

struct Latency {
    QString name;
    QString detail;     // what the operation returned, e.g. "100 rows"
    QList<double> ms;   // every run, in order

    double median() const;
    double fastest() const;
    double slowest() const;
};

// Runs `operation` `runs` times; it returns a short description of its result (or an error).
Latency measure(const QString &name, int runs, const std::function<QString(int run)> &operation);

}  // namespace cd::bench
