#include "eventwait.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

namespace cd::bench {

namespace {

void runEventLoop(std::chrono::milliseconds span)
{
    QEventLoop loop;
    QTimer::singleShot(span, &loop, &QEventLoop::quit);
    loop.exec();
}

}  // namespace

bool waitUntil(const std::function<bool()> &done, std::chrono::milliseconds timeout)
{
    constexpr std::chrono::milliseconds poll{20};
    QElapsedTimer elapsed;
    elapsed.start();
    while (!done()) {
        const std::chrono::milliseconds left{timeout.count() - elapsed.elapsed()};
        if (left.count() <= 0)
            return false;
        runEventLoop(std::min(poll, left));
    }
    return true;
}

void waitFor(std::chrono::milliseconds span)
{
    runEventLoop(span);
}

}  // namespace cd::bench
