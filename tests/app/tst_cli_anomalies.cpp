// chargedesk-cli bill anomalies | anomaly-stats, run as an accountant's script does: the list with
// each filter in JSON and as a table, --limit paging, the statistics by day, week and month in JSON
// and CSV (to stdout and to a file) with shares worked out by hand, and usage errors with their
// exit codes. SQLCipher and PostgreSQL.

#include "clitestbench.h"
#include "support/anomalybillseeder.h"

#include "core/common/clock.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QDateTime>
#include <QFile>
#include <QTimeZone>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace cd;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 24 * kHour;
const qint64 kT0 = QDateTime(QDate(2026, 11, 2), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();

QStringList numbers(const QJsonArray &rows)
{
    QStringList out;
    for (const QJsonValue &v : rows)
        out << v.toObject().value(u"chargePointId"_s).toString() + u'/' + v.toObject().value(u"codes"_s).toVariant().toStringList().join(u',');
    return out;
}

}  // namespace

class TestCliAnomalies : public QObject {
    Q_OBJECT

private:
    using Run = test::CliRun;

    test::CliTestBench m_bench{QStringLiteral(CLI_PATH)};
    const std::shared_ptr<storage::Database> &m_db = m_bench.shared();  // the bench's database

    Run cli(const QStringList &args) const { return m_bench.run(args); }

private Q_SLOTS:
    void initTestCase()
    {
        m_bench.setEnvironment(u"TZ"_s, u"UTC"_s);  // the statistics' days
        m_bench.setExtraArgs({u"--lang"_s, u"en"_s});
        const QString error = m_bench.setUp(u"cd_clianomalies"_s);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        // A (firmware 1.0): s1 11-02 codes 8,3; s2 11-02 code 8; s3 11-02 clean; s4 11-03 code 6.
        // B (firmware 2.0): s5 11-02 code 8, corrected; s6 11-10 codes 8,11; s7 11-10 clean.
        test::AnomalyFixture f(*m_db);
        const qint64 site = f.site(u"North"_s);
        const qint64 a = f.station(u"CLI-A"_s, site, u"Acme"_s, u"AC22"_s, u"1.0"_s);
        const qint64 b = f.station(u"CLI-B"_s, site, u"Voltix"_s, u"AC11"_s, u"2.0"_s);
        QVERIFY2(a && b, qPrintable(f.error()));
        const qint64 s1 = f.session(a, kT0 + kHour, 12000, 500);
        const qint64 s2 = f.session(a, kT0 + 2 * kHour, 8000, 300);
        QVERIFY(f.session(a, kT0 + 3 * kHour));
        const qint64 s4 = f.session(a, kT0 + kDay + kHour, 9000, 700);
        const qint64 s5 = f.session(b, kT0 + kHour, 9000, 900);
        const qint64 s6 = f.session(b, kT0 + 8 * kDay + kHour, 7000, 200);
        QVERIFY(f.session(b, kT0 + 8 * kDay + 2 * kHour));
        QVERIFY2(s1 && s2 && s4 && s5 && s6, qPrintable(f.error()));
        for (const auto &[session, code] : QList<std::pair<qint64, int>>{{s1, 8}, {s1, 3}, {s2, 8}, {s4, 6}, {s5, 8}, {s6, 11}, {s6, 8}})
            QVERIFY2(f.anomaly(session, code, kT0 + 20 * kDay), qPrintable(f.error()));
        QVERIFY2(f.correct(s5, kT0 + 21 * kDay, 2000, 150), qPrintable(f.error()));
    }

    void cleanupTestCase() { m_bench.tearDown(); }

    void anomalies()
    {
        Run list = cli({u"bill"_s, u"anomalies"_s, u"--json"_s});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        QJsonArray rows = list.json().array();
        QCOMPARE(numbers(rows), (QStringList{u"CLI-B/8,11"_s, u"CLI-A/6"_s, u"CLI-A/8"_s, u"CLI-A/3,8"_s}));
        const QJsonObject s1 = rows.at(3).toObject();
        QCOMPARE(s1.value(u"totalMinor"_s).toInteger(), 500);
        QCOMPARE(s1.value(u"energyWh"_s).toInteger(), 12000);
        QCOMPARE(s1.value(u"firmware"_s).toString(), u"1.0"_s);
        QCOMPARE(s1.value(u"site"_s).toString(), u"North"_s);
        QCOMPARE(s1.value(u"open"_s).toBool(), true);
        QCOMPARE(s1.value(u"startedMs"_s).toInteger(), kT0 + kHour);
        const QJsonArray records = s1.value(u"anomalies"_s).toArray();
        QCOMPARE(records.size(), 2);
        QCOMPARE(records.at(0).toObject().value(u"name"_s).toString(), u"Energy differs from platform"_s);
        QVERIFY(!records.at(0).toObject().value(u"detail"_s).toString().isEmpty());

        QCOMPARE(numbers(cli({u"bill"_s, u"anomalies"_s, u"--code"_s, u"8"_s, u"--json"_s}).json().array()),
                 (QStringList{u"CLI-B/8,11"_s, u"CLI-A/8"_s, u"CLI-A/3,8"_s}));
        QCOMPARE(numbers(cli({u"bill"_s, u"anomalies"_s, u"--code"_s, u"6,3"_s, u"--json"_s}).json().array()),
                 (QStringList{u"CLI-A/6"_s, u"CLI-A/3,8"_s}));
        QCOMPARE(numbers(cli({u"bill"_s, u"anomalies"_s, u"--code"_s, u"6"_s, u"--code"_s, u"11"_s, u"--json"_s}).json().array()),
                 (QStringList{u"CLI-B/8,11"_s, u"CLI-A/6"_s}));
        QCOMPARE(numbers(cli({u"bill"_s, u"anomalies"_s, u"--station"_s, u"CLI-B"_s, u"--status"_s, u"all"_s, u"--json"_s})
                             .json()
                             .array()),
                 (QStringList{u"CLI-B/8,11"_s, u"CLI-B/8"_s}));
        const QJsonArray resolved =
            cli({u"bill"_s, u"anomalies"_s, u"--status"_s, u"resolved"_s, u"--json"_s}).json().array();
        QCOMPARE(resolved.size(), 1);
        QCOMPARE(resolved.at(0).toObject().value(u"billVersion"_s).toInt(), 2);
        QCOMPARE(resolved.at(0).toObject().value(u"open"_s).toBool(), false);
        QCOMPARE(numbers(cli({u"bill"_s, u"anomalies"_s, u"--firmware"_s, u"1.0"_s, u"--json"_s}).json().array()),
                 (QStringList{u"CLI-A/6"_s, u"CLI-A/8"_s, u"CLI-A/3,8"_s}));
        QCOMPARE(numbers(cli({u"bill"_s, u"anomalies"_s, u"--from"_s, u"2026-11-02T00:00:00Z"_s, u"--to"_s,
                              u"2026-11-03T00:00:00Z"_s, u"--json"_s})
                             .json()
                             .array()),
                 (QStringList{u"CLI-A/8"_s, u"CLI-A/3,8"_s}));
        QCOMPARE(numbers(cli({u"bill"_s, u"anomalies"_s, u"--limit"_s, u"3"_s, u"--json"_s}).json().array()),
                 (QStringList{u"CLI-B/8,11"_s, u"CLI-A/6"_s, u"CLI-A/8"_s}));

        Run table = cli({u"bill"_s, u"anomalies"_s});
        QCOMPARE(table.exitCode, 0);
        const QStringList lines = table.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5);
        QVERIFY2(lines.at(0).startsWith(u"Session"_s), qPrintable(lines.at(0)));
        QVERIFY2(lines.at(4).contains(u"CLI-A"_s) && lines.at(4).contains(u"3,8"_s) && lines.at(4).contains(u"12.000"_s)
                     && lines.at(4).contains(u"2026-11-02T01:00:00.000Z"_s),
                 qPrintable(lines.at(4)));
    }

    void statistics()
    {
        Run month = cli({u"bill"_s, u"anomaly-stats"_s, u"--json"_s});
        QVERIFY2(month.exitCode == 0, qPrintable(month.err));
        const QJsonObject m = month.json().object();
        QCOMPARE(m.value(u"by"_s).toString(), u"month"_s);
        QVERIFY(m.value(u"timeZone"_s).toString().contains(u"UTC"_s));
        QCOMPARE(m.value(u"anomalyBills"_s).toInteger(), 4);
        QStringList cells;
        for (const QJsonValue &v : m.value(u"rows"_s).toArray()) {
            const QJsonObject r = v.toObject();
            cells << u"%1|%2|%3|%4|%5|%6"_s.arg(r.value(u"period"_s).toString())
                         .arg(r.value(u"code"_s).toInt())
                         .arg(r.value(u"chargePointId"_s).toString())
                         .arg(r.value(u"anomalyBills"_s).toInteger())
                         .arg(r.value(u"sessions"_s).toInteger())
                         .arg(r.value(u"sharePercent"_s).toString());
        }
        // November: A had 4 sessions, B 3 (s5 corrected still counts as a session).
        QCOMPARE(cells, (QStringList{u"2026-11|3|CLI-A|1|4|25.00"_s, u"2026-11|6|CLI-A|1|4|25.00"_s,
                                     u"2026-11|8|CLI-A|2|4|50.00"_s, u"2026-11|8|CLI-B|1|3|33.33"_s,
                                     u"2026-11|11|CLI-B|1|3|33.33"_s}));

        Run day = cli({u"bill"_s, u"anomaly-stats"_s, u"--by"_s, u"day"_s, u"--code"_s, u"8"_s, u"--json"_s});
        QVERIFY2(day.exitCode == 0, qPrintable(day.err));
        const QJsonArray dayRows = day.json().object().value(u"rows"_s).toArray();
        QCOMPARE(dayRows.size(), 2);
        QCOMPARE(dayRows.at(0).toObject().value(u"period"_s).toString(), u"2026-11-10"_s);
        QCOMPARE(dayRows.at(1).toObject().value(u"sharePercent"_s).toString(), u"66.67"_s);  // s1, s2 of s1–s3

        Run csv = cli({u"bill"_s, u"anomaly-stats"_s, u"--by"_s, u"week"_s, u"--csv"_s});
        QVERIFY2(csv.exitCode == 0, qPrintable(csv.err));
        QString csvText = csv.out;
        if (csvText.startsWith(QChar(0xFEFF)))
            csvText.remove(0, 1);  // the byte-order mark (QString::fromUtf8 may have dropped it already)
        QStringList lines = csvText.split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines.at(0), u"period,period_start,code,anomaly,station,vendor,model,firmware,anomaly_bills,sessions,share_percent"_s);
        QCOMPARE(lines.at(1), u"2026-W46,2026-11-09,8,Energy differs from platform,CLI-B,Voltix,AC11,2.0,1,2,50.00"_s);
        QCOMPARE(lines.at(5), u"2026-W45,2026-11-02,8,Energy differs from platform,CLI-A,Acme,AC22,1.0,2,4,50.00"_s);

        const QString file = m_bench.filePath(u"stats.csv"_s);
        Run toFile = cli({u"bill"_s, u"anomaly-stats"_s, u"--by"_s, u"week"_s, u"--csv"_s, u"--out"_s, file});
        QVERIFY2(toFile.exitCode == 0, qPrintable(toFile.err));
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(written.readAll()), csv.out);

        Run text = cli({u"bill"_s, u"anomaly-stats"_s});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(u"4 anomaly bills; periods in "_s), qPrintable(text.out));
    }

    void usageErrors()
    {
        for (const QStringList &args : {QStringList{u"bill"_s, u"anomalies"_s, u"--code"_s, u"10"_s},
                                        QStringList{u"bill"_s, u"anomalies"_s, u"--code"_s, u"x"_s},
                                        QStringList{u"bill"_s, u"anomalies"_s, u"--status"_s, u"closed"_s},
                                        QStringList{u"bill"_s, u"anomalies"_s, u"--limit"_s, u"0"_s},
                                        QStringList{u"bill"_s, u"anomalies"_s, u"--from"_s, u"yesterday"_s},
                                        QStringList{u"bill"_s, u"anomaly-stats"_s, u"--by"_s, u"year"_s},
                                        QStringList{u"bill"_s, u"anomaly-stats"_s, u"--csv"_s, u"--json"_s}}) {
            const Run r = cli(args);
            QVERIFY2(r.exitCode == int(ExitCode::Usage), qPrintable(args.join(u' ') + u": "_s + r.err));
            QVERIFY(!r.err.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestCliAnomalies)
#include "tst_cli_anomalies.moc"
