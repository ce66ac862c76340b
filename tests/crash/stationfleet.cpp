#include "stationfleet.h"

#include <algorithm>

namespace cd::test {

StationFleet::StationFleet(int count, quint32 seed, qint64 clockStartMs, QObject *parent) : QObject(parent)
{
    for (int i = 1; i <= count; ++i) {
        const QString number = QStringLiteral("%1").arg(i, 2, 10, QLatin1Char('0'));
        auto station =
            std::make_unique<LoadStation>(QStringLiteral("CRASH-") + number, QStringLiteral("TAG-") + number,
                                          seed ^ quint32(i * 2654435761u), clockStartMs, qint64(i) * 1000000);
        connect(station.get(), &LoadStation::acknowledged, this,
                [this] { emit acknowledgedChanged(++m_acknowledged); });
        m_stations.push_back(std::move(station));
    }
}

QStringList StationFleet::idTags() const
{
    QStringList tags;
    for (const auto &s : m_stations)
        tags << s->ledger().idTag;
    return tags;
}

void StationFleet::connectTo(const QUrl &baseUrl)
{
    for (const auto &s : m_stations)
        s->connectTo(baseUrl);
}

void StationFleet::setLoad(bool on)
{
    for (const auto &s : m_stations)
        s->setLoad(on);
}

int StationFleet::replaysAnswered() const
{
    int n = 0;
    for (const auto &s : m_stations)
        n += s->replaysAnswered();
    return n;
}

bool StationFleet::allClosed() const
{
    return std::all_of(m_stations.begin(), m_stations.end(), [](const auto &s) { return s->isClosed(); });
}

bool StationFleet::allSettled() const
{
    return std::all_of(m_stations.begin(), m_stations.end(), [](const auto &s) { return s->isSettled(); });
}

QStringList StationFleet::problems() const
{
    QStringList out;
    for (const auto &s : m_stations)
        out << s->ledger().problems;
    return out;
}

QList<const StationLedger *> StationFleet::ledgers() const
{
    QList<const StationLedger *> out;
    for (const auto &s : m_stations)
        out << &s->ledger();
    return out;
}

}  // namespace cd::test
