// Drives the Accounts screen of the real main window offscreen: a new member through its dialog
// (inline problems first), a top-up that moves no money until its confirmation is accepted (the
// confirmation says what the balance, the refundable amount and the coupons do), a department with
// a department card, and the tariff editor: inline validation, the live preview line with its
// per-period lines, saving and saving a new version. Every model under QAbstractItemModelTester.

#include "core/accounts/accountservice.h"
#include "core/accounts/couponservice.h"
#include "core/i18n/translationmanager.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"
#include "support/testdatabase.h"
#include "ui/accounts/accountspage.h"
#include "ui/accounts/carddialog.h"
#include "ui/accounts/couponruledialog.h"
#include "ui/accounts/couponstab.h"
#include "ui/accounts/departmentdialog.h"
#include "ui/accounts/departmentstab.h"
#include "ui/accounts/departmenttreemodel.h"
#include "ui/accounts/memberdialog.h"
#include "ui/accounts/memberstab.h"
#include "ui/accounts/membertablemodel.h"
#include "ui/accounts/tariffeditor.h"
#include "ui/accounts/tariffstab.h"
#include "ui/accounts/texttablemodel.h"
#include "ui/accounts/topupdialog.h"
#include "ui/shell/mainwindow.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cd;
using cd::ui::AccountsPage;
using cd::ui::MemberTableModel;

namespace {

qint64 scalar(const storage::Database &db, const QString &sql, const QVariantList &values = {})
{
    auto q = storage::Sql::run(db.connection(), sql, values);
    return q && q->next() ? q->value(0).toLongLong() : -1;
}

void clickOk(QDialog *dialog)
{
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
}

}  // namespace

class TestAccountsScreen : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void membersAndTopUp();
    void departments();
    void couponRulesAndPaging();
    void tariffEditor();

private:
    std::unique_ptr<i18n::TranslationManager> m_translations;
};

void TestAccountsScreen::initTestCase()
{
    m_translations = test::startConsoleTest();
    QVERIFY(m_translations);
}

void TestAccountsScreen::cleanupTestCase()
{
    test::clearConsoleSettings();
}

void TestAccountsScreen::membersAndTopUp()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    accounts::CouponRule rule;
    rule.name = u"Top up 500, get 60"_s;
    rule.minTopUpMinor = 50000;
    rule.amountMinor = 6000;
    rule.validDays = 30;
    QVERIFY(accounts::CouponService(fixture.db()).createRule(rule, u"setup"_s).ok());

    ui::ConsoleServices services;
    services.database = fixture.shared();
    services.actor = u"Оксана"_s;
    ui::MainWindow window(test::sampleConsoleContext(), m_translations.get(), services);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showScreen(ui::Screen::Accounts);
    auto *page = window.findChild<AccountsPage *>();
    QVERIFY(page);
    QCOMPARE(page->currency(), u"UAH"_s);
    ui::MembersTab *members = page->membersTab();
    QAbstractItemModelTester tester(members->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester topUpsTester(members->topUpsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester couponsTester(members->couponsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(members, &ui::MembersTab::actionFinished);

    // New member: what is wrong shows while typing; OK only when it can be saved.
    ui::MemberDialog *dialog = members->openNewMember();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    dialog->setName(u"Olena Kovalenko"_s);
    dialog->setPhone(u"call me"_s);
    QVERIFY(!dialog->canAccept());
    QVERIFY(dialog->findChild<QLabel *>(u"memberProblems"_s)->text().contains(u"not a phone number"_s));
    QVERIFY(!dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    dialog->setPhone(u"+380501112233"_s);
    dialog->setThresholdText(u"1.00"_s);
    QVERIFY(dialog->canAccept());
    clickOk(dialog);
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    QTRY_COMPARE(members->model()->rowCount(), 1);
    QCOMPARE(members->model()->index(0, MemberTableModel::Name).data().toString(), u"Olena Kovalenko"_s);
    QCOMPARE(members->model()->index(0, MemberTableModel::AutoStop).data().toString(), u"1.00 UAH"_s);
    const qint64 memberId = members->model()->member(0)->id;
    QTRY_COMPARE(members->selectedMember(), memberId);
    QTRY_VERIFY(members->detailText().contains(u"+380501112233"_s));

    // Top up: Review… shows what would happen; nothing moves before the confirmation.
    ui::TopUpDialog *topUp = members->openTopUp();
    QVERIFY(topUp);
    QTRY_VERIFY(topUp->isVisible());
    QVERIFY(!topUp->primaryButton()->isEnabled());  // no amount yet
    topUp->setAmountText(u"600"_s);
    topUp->setReceipt(u"R-1001"_s);
    QCOMPARE(topUp->primaryButton()->text(), u"Review…"_s);
    QTest::mouseClick(topUp->primaryButton(), Qt::LeftButton);
    QTRY_COMPARE(topUp->step(), ui::TopUpDialog::Step::Confirm);
    const QString confirmation = topUp->confirmationText();
    QVERIFY2(confirmation.contains(u"Balance: 0.00 UAH → 600.00 UAH"_s), qPrintable(confirmation));
    QVERIFY2(confirmation.contains(u"Refundable: 0.00 UAH → 600.00 UAH"_s), qPrintable(confirmation));
    QVERIFY2(confirmation.contains(u"\"Top up 500, get 60\" worth 60.00 UAH"_s), qPrintable(confirmation));
    QCOMPARE(topUp->primaryButton()->text(), u"Top up 600.00 UAH"_s);
    QCOMPARE(scalar(fixture.db(), u"SELECT balance_minor FROM members WHERE id = ?"_s, {memberId}), 0);
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM topups"_s), 0);
    // Back to the amount and review again: still nothing moved.
    QTest::mouseClick(topUp->findChild<QPushButton *>(u"topUpBack"_s), Qt::LeftButton);
    QCOMPARE(topUp->step(), ui::TopUpDialog::Step::Enter);
    QTest::mouseClick(topUp->primaryButton(), Qt::LeftButton);
    QTRY_COMPARE(topUp->step(), ui::TopUpDialog::Step::Confirm);
    QTest::mouseClick(topUp->primaryButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 2);
    QVERIFY2(finished.at(1).at(0).toBool(), qPrintable(finished.at(1).at(1).toString()));
    QVERIFY(members->statusText().contains(u"600.00 UAH"_s));
    QCOMPARE(scalar(fixture.db(), u"SELECT balance_minor FROM members WHERE id = ?"_s, {memberId}), 60000);
    QCOMPARE(scalar(fixture.db(), u"SELECT refundable_minor FROM members WHERE id = ?"_s, {memberId}), 60000);
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM coupons WHERE member_id = ? AND source_topup_id IS NOT NULL"_s,
                    {memberId}),
             1);
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM audit_log WHERE action = 'member.topup' AND operator_name = ?"_s,
                    {u"Оксана"_s}),
             1);
    QTRY_COMPARE(members->model()->index(0, MemberTableModel::Balance).data().toString(), u"600.00 UAH"_s);
    QTRY_COMPARE(members->topUpsModel()->rowCount(), 1);
    QCOMPARE(members->topUpsModel()->rows().first().at(3), u"R-1001"_s);
    QTRY_COMPARE(members->couponsModel()->rowCount(), 1);
    QCOMPARE(members->couponsModel()->rows().first().at(2), u"60.00 UAH"_s);

    // A card, and searching by it.
    ui::CardDialog *card = members->openAddCard();
    QVERIFY(card);
    card->setIdTag(u"bad tag"_s);
    QVERIFY(!card->canAccept());
    card->setIdTag(u"RFID-0001"_s);
    clickOk(card);
    QTRY_COMPARE(finished.size(), 3);
    QVERIFY(finished.at(2).at(0).toBool());
    QTRY_COMPARE(members->cardsModel()->rowCount(), 1);
    members->setSearch(u"rfid-0001"_s);
    QTRY_COMPARE(members->model()->rowCount(), 1);
    members->setSearch(u"nobody"_s);
    QTRY_COMPARE(members->model()->rowCount(), 0);

    // Edit…: the dialog starts from the member as saved; the balance stays.
    members->setSearch(QString());
    QTRY_COMPARE(members->model()->rowCount(), 1);
    QVERIFY(members->selectMember(memberId));
    QTRY_VERIFY(members->detailText().contains(u"+380501112233"_s));
    ui::MemberDialog *edit = members->openEditMember();
    QVERIFY(edit);
    QTRY_VERIFY(edit->isVisible());
    QCOMPARE(edit->windowTitle(), u"Edit member %1"_s.arg(memberId));
    QCOMPARE(edit->member()->name, u"Olena Kovalenko"_s);
    QCOMPARE(edit->member()->autoStopThresholdMinor, 100);
    edit->setName(u"Olena Kovalenko-Shevchenko"_s);
    clickOk(edit);
    QTRY_COMPARE(finished.size(), 4);
    QVERIFY2(finished.at(3).at(0).toBool(), qPrintable(finished.at(3).at(1).toString()));
    QTRY_COMPARE(members->model()->index(0, MemberTableModel::Name).data().toString(), u"Olena Kovalenko-Shevchenko"_s);
    QCOMPARE(scalar(fixture.db(), u"SELECT balance_minor FROM members WHERE id = ?"_s, {memberId}), 60000);
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM audit_log WHERE action = 'member.update'"_s), 1);
}

void TestAccountsScreen::departments()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    auto company = accounts::AccountService(fixture.db()).createDepartment({u"Company"_s, std::nullopt, false, 0}, u"setup"_s);
    QVERIFY(company.ok());
    ui::ConsoleServices services;
    services.database = fixture.shared();
    services.actor = u"Оксана"_s;
    ui::MainWindow window(test::sampleConsoleContext(), m_translations.get(), services);
    window.show();
    window.showScreen(ui::Screen::Accounts);
    auto *page = window.findChild<AccountsPage *>();
    QVERIFY(page);
    page->setCurrentTab(AccountsPage::Departments);
    ui::DepartmentsTab *tab = page->departmentsTab();
    QAbstractItemModelTester tester(tab->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(tab->model()->rowCount(), 1);
    QVERIFY(tab->selectDepartment(company->id));
    QSignalSpy finished(tab, &ui::DepartmentsTab::actionFinished);

    ui::DepartmentDialog *dialog = tab->openNewDepartment();
    QVERIFY(dialog);
    dialog->setName(u"Vans"_s);
    dialog->setParentDepartment(company->id);
    dialog->setBillToParent(true);
    clickOk(dialog);
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    QTRY_COMPARE(tab->model()->rowCount(tab->model()->indexOf(company->id)), 1);
    const QModelIndex vans = tab->model()->index(0, ui::DepartmentTreeModel::PaidFrom, tab->model()->indexOf(company->id));
    QCOMPARE(vans.data().toString(), u"Billed to Company"_s);
    QTRY_VERIFY(tab->detailText().contains(u"paid from the pooled balance of Company"_s));

    ui::CardDialog *card = tab->openAddCard();
    QVERIFY(card);
    card->setIdTag(u"FLEET-0007"_s);
    card->setMaxSessions(3);
    clickOk(card);
    QTRY_COMPARE(finished.size(), 2);
    QVERIFY(finished.at(1).at(0).toBool());
    QTRY_COMPARE(tab->cardsModel()->rowCount(), 1);
    QCOMPARE(tab->cardsModel()->rows().first().at(1), u"3"_s);
    QCOMPARE(scalar(fixture.db(), u"SELECT max_concurrent_sessions FROM id_tags WHERE id_tag = 'FLEET-0007'"_s), 3);
}

// Accounts › Coupons: a rule limited to a station and a sub-operator picked by name (the rules list
// names them), and the issued coupons a page at a time: 500 newest, then Show older for the rest.
void TestAccountsScreen::couponRulesAndPaging()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    const auto &db = fixture.db();
    auto insert = [&db](const QString &sql, const QVariantList &values) {
        auto q = storage::Sql::run(db.connection(), sql + db.dialect().returningIdClause(), values);
        return q ? db.dialect().insertedId(*q) : qint64(0);
    };
    const qint64 subOperator = insert(u"INSERT INTO sub_operators (name, created_ms) VALUES ('Zhanpengda', 0)"_s, {});
    const qint64 site = insert(u"INSERT INTO sites (name, sub_operator_id, created_ms) VALUES ('Shiyan 108', ?, 0)"_s, {subOperator});
    insert(u"INSERT INTO stations (charge_point_id, site_id, created_ms) VALUES ('KYIV-0001', ?, 0)"_s, {site});
    const qint64 station = insert(u"INSERT INTO stations (charge_point_id, site_id, created_ms) VALUES ('KYIV-0042', ?, 0)"_s, {site});
    QVERIFY(subOperator > 0 && station > 0);
    {
        storage::Transaction tx(db.connection());
        QVERIFY(tx.begin());
        for (int i = 1; i <= 510; ++i) {
            QVERIFY(storage::Sql::run(db.connection(), u"INSERT INTO coupons (code, amount_minor, created_ms) VALUES (?, 1000, ?)"_s,
                                      {u"PAGE-%1"_s.arg(i, 4, 10, QChar(u'0')), qint64(i)}));
        }
        QVERIFY(tx.commit());
    }

    ui::ConsoleServices services;
    services.database = fixture.shared();
    services.actor = u"Оксана"_s;
    ui::MainWindow window(test::sampleConsoleContext(), m_translations.get(), services);
    window.show();
    window.showScreen(ui::Screen::Accounts);
    auto *page = window.findChild<AccountsPage *>();
    QVERIFY(page);
    page->setCurrentTab(AccountsPage::Coupons);
    ui::CouponsTab *tab = page->couponsTab();
    QAbstractItemModelTester rulesTester(tab->rulesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester couponsTester(tab->couponsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);

    // The newest 500, newest first; Show older brings the last 10 and then has nothing more.
    QTRY_COMPARE(tab->couponsModel()->rowCount(), 500);
    QCOMPARE(tab->couponsModel()->rows().first().at(0), u"PAGE-0510"_s);
    QCOMPARE(tab->couponsModel()->rows().last().at(0), u"PAGE-0011"_s);
    QVERIFY(tab->hasOlderCoupons());
    auto *older = window.findChild<QPushButton *>(u"showOlderCouponsButton"_s);
    QVERIFY(older && older->isEnabled());
    QTest::mouseClick(older, Qt::LeftButton);
    QTRY_COMPARE(tab->couponsModel()->rowCount(), 510);
    QCOMPARE(tab->couponsModel()->rows().last().at(0), u"PAGE-0001"_s);
    QVERIFY(!tab->hasOlderCoupons());
    QVERIFY(!older->isEnabled());

    // A rule limited to station KYIV-0042 and sub-operator Zhanpengda, picked from their names.
    QSignalSpy finished(tab, &ui::CouponsTab::actionFinished);
    ui::CouponRuleDialog *dialog = tab->openNewRule();
    QVERIFY(dialog);
    auto *stations = dialog->findChild<QComboBox *>(u"ruleStation"_s);
    auto *subOperators = dialog->findChild<QComboBox *>(u"ruleSubOperator"_s);
    QVERIFY(stations && subOperators);
    QCOMPARE(stations->count(), 3);  // Any and the two stations
    QVERIFY(stations->findText(u"KYIV-0042"_s) > 0);
    QCOMPARE(subOperators->itemText(1), u"Zhanpengda"_s);
    dialog->setName(u"Shiyan top-up bonus"_s);
    dialog->setTrigger(accounts::CouponTrigger::TopUp);
    dialog->setMinTopUpText(u"300.00"_s);
    dialog->setAmountText(u"15.00"_s);
    dialog->setValidDays(30);
    dialog->setStation(station);
    dialog->setSubOperator(subOperator);
    QCOMPARE(stations->currentText(), u"KYIV-0042"_s);
    QVERIFY2(dialog->problems().isEmpty(), qPrintable(dialog->problems().join(u" | "_s)));
    clickOk(dialog);
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    QCOMPARE(scalar(db, u"SELECT station_id FROM coupon_rules WHERE name = 'Shiyan top-up bonus'"_s), station);
    QCOMPARE(scalar(db, u"SELECT sub_operator_id FROM coupon_rules WHERE name = 'Shiyan top-up bonus'"_s), subOperator);
    QTRY_COMPARE(tab->rulesModel()->rowCount(), 1);
    const QString limits = tab->rulesModel()->rows().first().at(6);
    QCOMPARE(limits, u"station KYIV-0042, sub-operator Zhanpengda"_s);
    // The action reloaded the list without folding the older page away.
    QTRY_COMPARE(tab->couponsModel()->rowCount(), 510);
}

void TestAccountsScreen::tariffEditor()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    ui::ConsoleServices services;
    services.database = fixture.shared();
    services.actor = u"Оксана"_s;
    ui::MainWindow window(test::sampleConsoleContext(), m_translations.get(), services);
    window.show();
    window.showScreen(ui::Screen::Accounts);
    auto *page = window.findChild<AccountsPage *>();
    QVERIFY(page);
    page->setCurrentTab(AccountsPage::Tariffs);
    ui::TariffsTab *tab = page->tariffsTab();
    ui::TariffEditor *editor = tab->editor();
    QAbstractItemModelTester tester(tab->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *save = window.findChild<QPushButton *>(u"saveTariffButton"_s);
    QVERIFY(save);

    tab->newTariff();
    editor->setName(QString());
    QVERIFY(!editor->problems().isEmpty());
    QVERIFY(!editor->problemsText().isEmpty());  // shown inline
    QVERIFY(!save->isEnabled());
    QCOMPARE(editor->previewHeadline(), u"Correct the tariff to see what a session would cost."_s);

    editor->setName(u"Evening peak"_s);
    editor->setCurrency(u"UAH"_s);
    editor->setTimeZone(u"Europe/Kyiv"_s);
    editor->setEnergyPriceText(u"1.00"_s);
    editor->setServiceFeeText(u"abc"_s);
    QVERIFY2(editor->problemsText().contains(u"The service fee must be an amount"_s), qPrintable(editor->problemsText()));
    editor->setServiceFeeText(u"0.50"_s);
    editor->addPeriod(billing::PeriodKind::Peak, 18 * 60, 21 * 60, u"2.00"_s);
    editor->addPeriod(billing::PeriodKind::Valley, 20 * 60, 23 * 60, u"0.40"_s);  // overlaps the peak
    QVERIFY(!editor->problems().isEmpty());
    QVERIFY(!save->isEnabled());
    editor->removePeriod(1);
    QVERIFY2(editor->problems().isEmpty(), qPrintable(editor->problems().join(u" | "_s)));
    QVERIFY(editor->problemsText().isEmpty());
    QVERIFY(save->isEnabled());

    // 40 kWh evenly over 18:30–21:10: 150 min of peak (37.5 kWh × 2.00 = 75.00), 10 min outside
    // (2.5 kWh × 1.00 = 2.50), service 40 kWh × 0.50 = 20.00: 97.50.
    editor->setPreview(40000, QTime(18, 30), QTime(21, 10));
    QCOMPARE(editor->previewHeadline(), u"A 40 kWh session from 18:30 to 21:10 would cost 97.50 UAH."_s);
    const QString lines = editor->previewText();
    QVERIFY2(lines.contains(u"75.00"_s) && lines.contains(u"2.50"_s) && lines.contains(u"20.00"_s), qPrintable(lines));

    // Save: version 1; edit and save: version 2 of the same tariff.
    QSignalSpy finished(tab, &ui::TariffsTab::actionFinished);
    QSignalSpy loaded(tab, &ui::TariffsTab::loaded);
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    QTRY_COMPARE(tab->model()->rowCount(), 1);
    QTRY_VERIFY(editor->editedId() != 0);
    QCOMPARE(tab->model()->rows().first().at(2), u"1"_s);
    QCOMPARE(save->text(), u"&Save as new version"_s);
    editor->setEnergyPriceText(u"1.10"_s);
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 2);
    QVERIFY2(finished.at(1).at(0).toBool(), qPrintable(finished.at(1).at(1).toString()));
    QTRY_COMPARE(tab->model()->rows().first().at(2), u"2"_s);
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM tariffs"_s), 2);
    QCOMPARE(scalar(fixture.db(), u"SELECT MAX(version) FROM tariffs"_s), 2);

    // The scope is picked by name: the stations are listed by charge point id; "Choose…" is refused.
    auto station = storage::Sql::run(fixture.db().connection(),
                                     u"INSERT INTO stations (charge_point_id, vendor, model, firmware, created_ms) "
                                     "VALUES ('KYIV-0042', 'V', 'M', '1', 0)"_s + fixture.db().dialect().returningIdClause(),
                                     {});
    QVERIFY(station);
    const qint64 stationId = fixture.db().dialect().insertedId(*station);
    tab->refresh();
    QTRY_VERIFY(editor->findChild<QComboBox *>(u"tariffScopeTarget"_s) != nullptr);
    auto *target = editor->findChild<QComboBox *>(u"tariffScopeTarget"_s);
    tab->newTariff();  // a new version keeps its tariff's scope: another scope is another tariff
    editor->setName(u"KYIV-0042 only"_s);
    editor->setEnergyPriceText(u"0.90"_s);
    editor->setScope(billing::TariffScope::Station, 0);
    QTRY_COMPARE(target->count(), 2);  // "Choose…" and the station
    QCOMPARE(target->itemText(1), u"KYIV-0042"_s);
    QVERIFY2(editor->problemsText().contains(u"Choose the station"_s), qPrintable(editor->problemsText()));
    QVERIFY(!save->isEnabled());
    target->setCurrentIndex(1);
    QVERIFY2(editor->problems().isEmpty(), qPrintable(editor->problems().join(u" | "_s)));
    QCOMPARE(editor->tariff()->scopeId, stationId);
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 3);
    QVERIFY2(finished.at(2).at(0).toBool(), qPrintable(finished.at(2).at(1).toString()));
    const auto scopeShown = [tab] {
        for (const QStringList &row : tab->model()->rows()) {
            if (row.at(0) == u"KYIV-0042 only"_s)
                return row.at(1);
        }
        return QString();
    };
    QTRY_COMPARE(scopeShown(), u"Station KYIV-0042"_s);
    QCOMPARE(scalar(fixture.db(), u"SELECT scope_id FROM tariffs WHERE name = 'KYIV-0042 only'"_s), stationId);
    // A target not among the choices is still shown, by number, and kept.
    editor->setScope(billing::TariffScope::Site, 777);
    QCOMPARE(editor->scopeTargetText(), u"number 777"_s);
    QCOMPARE(editor->tariff()->scopeId, 777);
}

QTEST_MAIN(TestAccountsScreen)
#include "tst_accounts.moc"
