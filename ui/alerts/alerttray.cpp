#include "ui/alerts/alerttray.h"

#include "core/alerts/alertservice.h"
#include "core/storage/queryrunner.h"
#include "ui/shell/appearance.h"

#include <QSystemTrayIcon>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {
constexpr int kPollMs = 5000;
constexpr int kNewest = 20;
using Newest = Expected<QList<alerts::Alert>>;
}  // namespace

AlertTray::AlertTray(const ConsoleServices &services, QObject *parent)
    : QObject(parent), m_runner(std::make_unique<storage::QueryRunner>(services.database))
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_icon = new QSystemTrayIcon(applicationIcon(), this);
        m_icon->setToolTip(u"ChargeDesk"_s);
        connect(m_icon, &QSystemTrayIcon::messageClicked, this, &AlertTray::openRequested);
        connect(m_icon, &QSystemTrayIcon::activated, this, &AlertTray::openRequested);
        m_icon->show();
    }
    m_timer = new QTimer(this);
    m_timer->setInterval(kPollMs);
    connect(m_timer, &QTimer::timeout, this, &AlertTray::poll);
    m_timer->start();
    poll();
}

AlertTray::~AlertTray() = default;

void AlertTray::poll()
{
    if (m_polling)
        return;
    m_polling = true;
    m_runner->run<Newest>(
        this,
        [](const std::shared_ptr<storage::Database> &db) {
            alerts::AlertFilter filter;
            filter.show = alerts::AlertFilter::Show::All;
            filter.limit = kNewest;
            return alerts::AlertService(*db).list(filter);
        },
        [this](Newest newest) {
            m_polling = false;
            if (!newest)
                return;
            const qint64 top = newest->isEmpty() ? 0 : newest->first().id;
            if (!m_newestSeen) {
                m_newestSeen = top;  // what existed at start is not news
                return;
            }
            QList<alerts::Alert> fresh;
            for (const alerts::Alert &a : *newest) {
                if (a.id > *m_newestSeen && a.state != alerts::AlertState::Resolved)
                    fresh.prepend(a);  // oldest first
            }
            m_newestSeen = std::max(*m_newestSeen, top);
            if (fresh.isEmpty())
                return;
            if (m_icon) {
                const QString title = fresh.size() == 1 ? tr("New alert") : tr("%n new alert(s)", nullptr, int(fresh.size()));
                QStringList lines;
                for (const alerts::Alert &a : fresh)
                    lines << a.summary();
                m_icon->showMessage(title, lines.join(u'\n'), QSystemTrayIcon::Warning);
            }
            emit alertsOpened(fresh);
        });
}

}  // namespace cd::ui
