// Walks the bill correction wizard offscreen on bills issued by the billing service: every method's
// path to the preview (its parameter page: energy, tariff version, version to go back to), the
// preview's texts (old vs new lines, money in words and numbers, coupons, settlement, anomalies),
// Apply gated by the reason and a confirmation that says what happens to money, the result page,
// and the database afterwards. Several bills at once: the previews listed, applied one by one. The
// Anomaly bills screen's Correct… opens it.

#include "support/testdatabase.h"

#include "core/anomalies/correctionservice.h"
#include "core/billing/billingservice.h"
#include "core/billing/tariffrepository.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"
#include "ui/anomalies/anomalybillspage.h"
#include "ui/anomalies/correctionmethodpage.h"
#include "ui/anomalies/correctionparampages.h"
#include "ui/anomalies/correctionpreviewpage.h"
#include "ui/anomalies/correctionresultpage.h"
#include "ui/anomalies/correctionwizard.h"
#include "ui/shell/mainwindow.h"
#include "uitestsupport.h"

#include <QAbstractButton>
#include <QAbstractItemModel>
#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace cd;
using cd::anomalies::CorrectionMethod;
using cd::ui::CorrectionWizard;

namespace {

constexpr qint64 kMinute = 60'000;
const qint64 kStart = QDateTime(QDate(2019, 9, 13), QTime(8, 0, 57), Qt::UTC).toMSecsSinceEpoch();
const qint64 kChargingEnd = QDateTime(QDate(2019, 9, 13), QTime(8, 13, 57), Qt::UTC).toMSecsSinceEpoch();
const qint64 kServiceEnd = QDateTime(QDate(2019, 9, 13), QTime(11, 34, 17), Qt::UTC).toMSecsSinceEpoch();

QString labelText(QWidget *root, const QString &name)
{
    auto *label = root->findChild<QLabel *>(name);
    return label ? label->text() : u"(no %1)"_s.arg(name);
}

// The table's cells as "a | b | c" lines.
QString tableText(QTableView *table)
{
    QStringList rows;
    const QAbstractItemModel *m = table->model();
    for (int r = 0; r < m->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < m->columnCount(); ++c)
            cells << m->index(r, c).data().toString();
        rows << cells.join(u" | "_s);
    }
    return rows.join(u'\n');
}

}  // namespace

class TestCorrectionWizard : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void serviceEndPath();
    void energyPath();
    void tariffPath();
    void estimateAndStationPaths();
    void revertPath();
    void bulk();
    void openedFromTheAnomalyBillsScreen();

private:
    qint64 scalar(const QString &sql, const QVariantList &values = {}) const;
    qint64 insert(const QString &sql, const QVariantList &values);
    qint64 issueBill(qint64 memberId, qint64 energyWh = 5000);
    CorrectionWizard *makeWizard(const QList<qint64> &bills);
    // Method page → (parameter page) → preview shown.
    void toPreview(CorrectionWizard *wizard, CorrectionMethod method);
    // Reason, Apply (confirmed), result page done.
    void apply(CorrectionWizard *wizard, const QString &reason);

    std::unique_ptr<i18n::TranslationManager> m_translations;
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<anomalies::CorrectionService> m_service;
    std::unique_ptr<CorrectionWizard> m_wizard;
    QString m_confirmed;  // what the last confirmation said
    qint64 m_station = 0;
    qint64 m_member = 0;
    qint64 m_tariff = 0;
};

void TestCorrectionWizard::initTestCase()
{
    m_translations = test::startConsoleTest();
    QVERIFY(m_translations);
}

void TestCorrectionWizard::cleanupTestCase()
{
    test::clearConsoleSettings();
}

void TestCorrectionWizard::init()
{
    m_db = std::make_unique<test::TestDatabase>();
    CD_REQUIRE_DB(*m_db);
    m_station = insert(u"INSERT INTO stations (charge_point_id, created_ms) VALUES ('44030900210000200002', ?)"_s, {kStart});
    m_member = insert(u"INSERT INTO members (name, balance_minor, created_ms) VALUES ('Li Wei', 100000, ?)"_s, {kStart});
    billing::Tariff t;
    t.name = u"Shiyan 108"_s;
    t.currency = u"CNY"_s;
    t.validFromMs = kStart - 86'400'000;
    t.energyPriceMinorPerKwh = 47;
    t.serviceFeeMinorPerKwh = 21;
    t.idleFeeMinorPerMinute = 80;
    t.idleFreeMinutes = 15;
    auto saved = billing::TariffRepository(m_db->db()).save(t, u"test"_s, u"tariff"_s);
    QVERIFY2(saved, saved ? "" : qPrintable(saved.error().message));
    m_tariff = saved->id;
    m_service = std::make_unique<anomalies::CorrectionService>(m_db->shared());
}

void TestCorrectionWizard::cleanup()
{
    m_wizard.reset();
    m_service.reset();
    m_db.reset();
}

qint64 TestCorrectionWizard::scalar(const QString &sql, const QVariantList &values) const
{
    auto q = storage::Sql::run(m_db->db().connection(), sql, values);
    return q && q->next() ? q->value(0).toLongLong() : -1;
}

qint64 TestCorrectionWizard::insert(const QString &sql, const QVariantList &values)
{
    auto q = storage::Sql::run(m_db->db().connection(), sql + m_db->db().dialect().returningIdClause(), values);
    return q ? m_db->db().dialect().insertedId(*q) : 0;
}

qint64 TestCorrectionWizard::issueBill(qint64 memberId, qint64 energyWh)
{
    storage::Session s;
    s.stationId = m_station;
    s.connectorId = 1;
    s.memberId = memberId;
    s.status = u"finished"_s;
    s.meterStartWh = 100'000;
    s.meterStopWh = 100'000 + energyWh;
    s.energyWh = energyWh;
    s.stopSource = u"station"_s;
    s.startedMs = kStart;
    s.chargingStartedMs = kStart;
    s.chargingEndedMs = kChargingEnd;
    s.endedMs = kServiceEnd;
    auto created = storage::SessionRepository(m_db->db()).create(s, kStart);
    if (!created)
        return 0;
    for (int i = 0; i < 3; ++i) {
        insert(u"INSERT INTO meter_samples (session_id, station_id, station_at_ms, received_ms, measurand, unit, value_milli) "
               "VALUES (?,?,?,?,'Energy.Active.Import.Register','Wh',?)"_s,
               {created->id, m_station, kStart + (i + 1) * 4 * kMinute, kStart, (100'000 + i * 1500) * 1000});
    }
    auto issued = billing::BillingService(m_db->db()).issue(created->id);
    if (!issued)
        return 0;
    // An occupancy anomaly, and the provisional charge "settle first" makes of an anomalous bill.
    insert(u"INSERT INTO bill_anomalies (bill_id, session_id, code, detail, detected_ms) VALUES (?,?,6,'',?)"_s,
           {issued->billId, created->id, kServiceEnd});
    if (!storage::Sql::run(m_db->db().connection(), u"UPDATE bills SET settlement_state = 'provisional' WHERE id = ?"_s,
                           {issued->billId}))
        return 0;
    return issued->billId;
}

CorrectionWizard *TestCorrectionWizard::makeWizard(const QList<qint64> &bills)
{
    m_wizard = std::make_unique<CorrectionWizard>(bills, m_db->shared(), u"console:tester"_s, nullptr, m_service.get());
    m_wizard->setConfirmation([this](QWidget *, const QString &text) {
        m_confirmed = text;
        return true;
    });
    m_wizard->show();
    return m_wizard.get();
}

void TestCorrectionWizard::toPreview(CorrectionWizard *wizard, CorrectionMethod method)
{
    QCOMPARE(wizard->currentId(), int(CorrectionWizard::MethodPage));
    auto *methods = qobject_cast<ui::CorrectionMethodPage *>(wizard->page(CorrectionWizard::MethodPage));
    QVERIFY(methods && methods->button(method));
    methods->button(method)->setChecked(true);
    QSignalSpy shown(wizard, &CorrectionWizard::previewsShown);
    wizard->next();
    if (method == CorrectionMethod::ManualEnergy) {
        QCOMPARE(wizard->currentId(), int(CorrectionWizard::EnergyPage));
        wizard->findChild<QSpinBox *>(u"correctionEnergy"_s)->setValue(8000);
        wizard->next();
    } else if (method == CorrectionMethod::RecomputeWithTariff) {
        QCOMPARE(wizard->currentId(), int(CorrectionWizard::TariffPage));
        QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 10000);
        auto *tariffs = wizard->findChild<QComboBox *>(u"correctionTariff"_s);
        QVERIFY(tariffs->count() >= 2);  // "valid when the session ran" and the versions
        tariffs->setCurrentIndex(0);
        wizard->next();
    } else if (method == CorrectionMethod::Revert) {
        QCOMPARE(wizard->currentId(), int(CorrectionWizard::RevertPage));
        QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 10000);
        wizard->next();
    }
    QCOMPARE(wizard->currentId(), int(CorrectionWizard::PreviewPage));
    QVERIFY(shown.wait(15000) || shown.count() > 0);
}

void TestCorrectionWizard::apply(CorrectionWizard *wizard, const QString &reason)
{
    auto *commit = wizard->button(QWizard::CommitButton);
    QVERIFY(commit->isVisible());
    QCOMPARE(commit->text(), u"Apply"_s);
    QVERIFY(!commit->isEnabled());  // no reason yet
    QTest::keyClicks(wizard->findChild<QPlainTextEdit *>(u"correctionReason"_s), reason);
    QVERIFY(commit->isEnabled());
    QSignalSpy finished(wizard, &CorrectionWizard::finishedApplying);
    QTest::mouseClick(commit, Qt::LeftButton);
    QCOMPARE(wizard->currentId(), int(CorrectionWizard::ResultPage));
    QVERIFY(finished.wait(15000) || finished.count() > 0);
    QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
}

void TestCorrectionWizard::serviceEndPath()
{
    const qint64 bill = issueBill(m_member);
    QVERIFY(bill > 0);
    CorrectionWizard *wizard = makeWizard({bill});
    toPreview(wizard, CorrectionMethod::MoveServiceEndToChargingEnd);
    const QString lines = tableText(wizard->findChild<QTableView *>(u"correctionPreviewLines"_s));
    QVERIFY2(lines.contains(u"Idle fee | 185 min, 148.00 CNY | 0 min, 0.00 CNY"_s), qPrintable(lines));
    QVERIFY2(lines.contains(u"Total | 151.40 CNY | 3.40 CNY"_s), qPrintable(lines));
    QVERIFY2(lines.contains(u"Energy fee | 2.35 CNY | 2.35 CNY"_s), qPrintable(lines));
    QVERIFY2(lines.contains(u"Service fee | 1.05 CNY | 1.05 CNY"_s), qPrintable(lines));
    QCOMPARE(labelText(wizard, u"previewMoney"_s), u"Give 148.00 CNY back to the balance of member Li Wei (848.60 CNY → 996.60 CNY)."_s);
    QVERIFY2(labelText(wizard, u"previewMoneyNumbers"_s).contains(u"Refund: 148.00 CNY"_s), qPrintable(labelText(wizard, u"previewMoneyNumbers"_s)));
    QVERIFY2(labelText(wizard, u"previewAnomalies"_s).contains(u"Resolved"_s), qPrintable(labelText(wizard, u"previewAnomalies"_s)));
    QVERIFY2(labelText(wizard, u"previewSettlement"_s).contains(u"→"_s), qPrintable(labelText(wizard, u"previewSettlement"_s)));
    // Nothing written while previewing.
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM bills"_s), 1);
    apply(wizard, u"the car left when charging ended"_s);
    QVERIFY2(m_confirmed.contains(u"Give 148.00 CNY back"_s), qPrintable(m_confirmed));
    const QString result = wizard->findChild<QPlainTextEdit *>(u"correctionResults"_s)->toPlainText();
    QVERIFY2(result.contains(u"→ version 2"_s), qPrintable(result));
    QCOMPARE(scalar(u"SELECT total_minor FROM bills WHERE supersedes_bill_id = ?"_s, {bill}), 340);
    QCOMPARE(scalar(u"SELECT balance_minor FROM members WHERE id = ?"_s, {m_member}), 100000 - 340);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM bill_anomalies WHERE resolved_ms IS NULL"_s), 0);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM audit_log WHERE action = 'bill.correct' AND operator_name = 'console:tester'"_s), 1);
}

void TestCorrectionWizard::energyPath()
{
    const qint64 bill = issueBill(m_member);
    CorrectionWizard *wizard = makeWizard({bill});
    toPreview(wizard, CorrectionMethod::ManualEnergy);
    const QString lines = tableText(wizard->findChild<QTableView *>(u"correctionPreviewLines"_s));
    QVERIFY2(lines.contains(u"Energy | 5,000 Wh | 8,000 Wh"_s), qPrintable(lines));
    QVERIFY2(labelText(wizard, u"previewMoneyNumbers"_s).contains(u"Additional charge: 2.04 CNY"_s),
             qPrintable(labelText(wizard, u"previewMoneyNumbers"_s)));
    apply(wizard, u"display showed 8 kWh"_s);
    QCOMPARE(scalar(u"SELECT energy_wh FROM bills WHERE supersedes_bill_id = ?"_s, {bill}), 8000);
}

void TestCorrectionWizard::tariffPath()
{
    const qint64 bill = issueBill(m_member);
    billing::Tariff t;
    t.id = m_tariff;
    t.name = u"Shiyan 108"_s;
    t.currency = u"CNY"_s;
    t.validFromMs = kServiceEnd + 86'400'000;
    t.energyPriceMinorPerKwh = 50;
    t.serviceFeeMinorPerKwh = 20;
    t.idleFeeMinorPerMinute = 0;
    auto second = billing::TariffRepository(m_db->db()).save(t, u"test"_s, u"v2"_s);
    QVERIFY(second);
    CorrectionWizard *wizard = makeWizard({bill});
    QCOMPARE(wizard->currentId(), int(CorrectionWizard::MethodPage));
    qobject_cast<ui::CorrectionMethodPage *>(wizard->page(CorrectionWizard::MethodPage))
        ->button(CorrectionMethod::RecomputeWithTariff)
        ->setChecked(true);
    QSignalSpy shown(wizard, &CorrectionWizard::previewsShown);
    wizard->next();
    QTRY_VERIFY_WITH_TIMEOUT(wizard->currentPage()->isComplete(), 10000);
    auto *tariffs = wizard->findChild<QComboBox *>(u"correctionTariff"_s);
    const int v2 = tariffs->findData(second->id);
    QVERIFY(v2 > 0);
    tariffs->setCurrentIndex(v2);
    wizard->next();
    QVERIFY(shown.wait(15000) || shown.count() > 0);
    const QString lines = tableText(wizard->findChild<QTableView *>(u"correctionPreviewLines"_s));
    QVERIFY2(lines.contains(u"Tariff | Shiyan 108, version 1 | Shiyan 108, version 2"_s), qPrintable(lines));
    QVERIFY2(lines.contains(u"Total | 151.40 CNY | 3.50 CNY"_s), qPrintable(lines));
    apply(wizard, u"agreed price"_s);
    QCOMPARE(scalar(u"SELECT tariff_id FROM bills WHERE supersedes_bill_id = ?"_s, {bill}), second->id);
}

void TestCorrectionWizard::estimateAndStationPaths()
{
    // Estimate: the three readings 100 000 → 103 000 Wh.
    const qint64 bill = issueBill(m_member);
    CorrectionWizard *wizard = makeWizard({bill});
    toPreview(wizard, CorrectionMethod::EstimateFromSamples);
    QVERIFY2(tableText(wizard->findChild<QTableView *>(u"correctionPreviewLines"_s)).contains(u"Energy | 5,000 Wh | 3,000 Wh"_s),
             qPrintable(tableText(wizard->findChild<QTableView *>(u"correctionPreviewLines"_s))));
    QVERIFY(labelText(wizard, u"previewNotes"_s).contains(u"Estimated from 3 register reading"_s));
    apply(wizard, u"meter samples"_s);
    QCOMPARE(scalar(u"SELECT energy_wh FROM bills WHERE supersedes_bill_id = ?"_s, {bill}), 3000);
    m_wizard.reset();

    // The station's own bill: none given, so the stop reading (5 000 Wh) — the numbers stay, the anomaly resolves.
    const qint64 other = issueBill(m_member);
    wizard = makeWizard({other});
    toPreview(wizard, CorrectionMethod::UseStationBill);
    QVERIFY2(labelText(wizard, u"previewNotes"_s).contains(u"5000 Wh"_s), qPrintable(labelText(wizard, u"previewNotes"_s)));
    QCOMPARE(labelText(wizard, u"previewMoney"_s), u"Money does not move."_s);
    apply(wizard, u"station agrees"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM bill_anomalies WHERE bill_id = ? AND resolved_ms IS NULL"_s, {other}), 0);
}

void TestCorrectionWizard::revertPath()
{
    const qint64 bill = issueBill(m_member);
    {
        CorrectionWizard *wizard = makeWizard({bill});
        toPreview(wizard, CorrectionMethod::MoveServiceEndToChargingEnd);
        apply(wizard, u"first"_s);
        m_wizard.reset();
    }
    const qint64 v2 = scalar(u"SELECT id FROM bills WHERE supersedes_bill_id = ?"_s, {bill});
    CorrectionWizard *wizard = makeWizard({v2});
    toPreview(wizard, CorrectionMethod::Revert);
    QVERIFY2(tableText(wizard->findChild<QTableView *>(u"correctionPreviewLines"_s)).contains(u"Total | 3.40 CNY | 151.40 CNY"_s),
             qPrintable(tableText(wizard->findChild<QTableView *>(u"correctionPreviewLines"_s))));
    QVERIFY2(labelText(wizard, u"previewAnomalies"_s).contains(u"Open again"_s), qPrintable(labelText(wizard, u"previewAnomalies"_s)));
    apply(wizard, u"corrected by mistake"_s);
    QCOMPARE(scalar(u"SELECT MAX(version) FROM bills"_s), 3);
    QCOMPARE(scalar(u"SELECT balance_minor FROM members WHERE id = ?"_s, {m_member}), 100000 - 15140);
}

void TestCorrectionWizard::bulk()
{
    const qint64 a = issueBill(m_member);
    const qint64 b = issueBill(m_member);
    const qint64 c = issueBill(m_member);
    // c was corrected meanwhile elsewhere: its preview refuses, the others go through.
    {
        CorrectionWizard *first = makeWizard({c});
        toPreview(first, CorrectionMethod::MoveServiceEndToChargingEnd);
        apply(first, u"elsewhere"_s);
        m_wizard.reset();
    }
    CorrectionWizard *wizard = makeWizard({a, b, c});
    auto *methods = qobject_cast<ui::CorrectionMethodPage *>(wizard->page(CorrectionWizard::MethodPage));
    QVERIFY(!methods->button(CorrectionMethod::Revert)->isEnabled());
    toPreview(wizard, CorrectionMethod::MoveServiceEndToChargingEnd);
    auto *list = wizard->findChild<QTableView *>(u"correctionPreviewList"_s);
    QVERIFY(list->isVisible());
    QCOMPARE(list->model()->rowCount(), 3);
    const QString listText = tableText(list);
    QVERIFY2(listText.contains(u"refund 148.00 CNY | Yes"_s), qPrintable(listText));
    QVERIFY2(listText.contains(u"| No: "_s), qPrintable(listText));
    QVERIFY2(labelText(wizard, u"correctionPreviewState"_s).startsWith(u"2 of 3 bill"_s), qPrintable(labelText(wizard, u"correctionPreviewState"_s)));
    apply(wizard, u"bulk: no occupation at this site"_s);
    QVERIFY2(m_confirmed.contains(u"get a new version"_s) && m_confirmed.startsWith(u"2 bill"_s), qPrintable(m_confirmed));
    QVERIFY(wizard->findChild<QWidget *>(u"correctionProgress"_s)->isVisible());
    const QString result = wizard->findChild<QPlainTextEdit *>(u"correctionResults"_s)->toPlainText();
    QVERIFY2(result.contains(u"skipped"_s), qPrintable(result));
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM bills WHERE supersedes_bill_id IN (?, ?)"_s, {a, b}), 2);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM bills WHERE session_id = (SELECT session_id FROM bills WHERE id = ?)"_s, {c}), 2);
}

void TestCorrectionWizard::openedFromTheAnomalyBillsScreen()
{
    const qint64 bill = issueBill(m_member);
    ui::ConsoleServices services;
    services.database = m_db->shared();
    services.actor = u"console:tester"_s;
    ui::MainWindow window(test::sampleConsoleContext(), m_translations.get(), services);
    window.resize(1280, 800);
    window.show();
    QVERIFY(window.anomalyBillsPage());
    emit window.anomalyBillsPage()->correctRequested({bill});
    CorrectionWizard *wizard = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((wizard = window.findChild<CorrectionWizard *>()) && wizard->isVisible(), 5000);
    QCOMPARE(wizard->billIds(), QList<qint64>{bill});
    wizard->close();
}

QTEST_MAIN(TestCorrectionWizard)
#include "tst_correction_wizard.moc"
