#pragma once
// Injectable time source: production reads the system clock, tests set the time.

#include <QtGlobal>

namespace cd {

class Clock {
public:
    virtual ~Clock() = default;
    // UTC epoch milliseconds.
    virtual qint64 nowMs() const = 0;

    static Clock &system();
};

class ManualClock final : public Clock {
public:
    explicit ManualClock(qint64 startMs = 0) : m_now(startMs) {}
    qint64 nowMs() const override { return m_now; }
    void setNowMs(qint64 ms) { m_now = ms; }
    void advanceMs(qint64 ms) { m_now += ms; }

private:
    qint64 m_now;
};

}  // namespace cd
