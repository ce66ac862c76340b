// Drives the Refunds screen offscreen: an application through New application… (nothing moves
// before its confirmation; then balance −A, refundable −A, pending +A in the database and on the
// detail pane), Reject… giving it all back, Approve… of desk (cash) top-ups and Confirm desk
// refund…, and, on a page whose service has a fake payment gateway at the seam, Approve… through the
// gateway, an answer that never came, Retry, and the late answer landing. Every model under
// QAbstractItemModelTester.

#include "core/accounts/accountservice.h"
#include "core/payments/paymentgateway.h"
#include "core/refunds/refundservice.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"
#include "support/testdatabase.h"
#include "ui/accounts/texttablemodel.h"
#include "ui/refunds/applyrefunddialog.h"
#include "ui/refunds/approverefunddialog.h"
#include "ui/refunds/refunddetailpane.h"
#include "ui/refunds/refundspage.h"
#include "ui/shell/mainwindow.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace cd;
using cd::ui::RefundsPage;

namespace {

const QString kGateway = u"testpay"_s;

qint64 scalar(const storage::Database &db, const QString &sql, const QVariantList &values = {})
{
    auto q = storage::Sql::run(db.connection(), sql, values);
    return q && q->next() ? q->value(0).toLongLong() : -1;
}

struct Money {
    qint64 balance = -1;
    qint64 refundable = -1;
    qint64 pending = -1;
};

Money moneyOf(const storage::Database &db, qint64 memberId)
{
    return {scalar(db, u"SELECT balance_minor FROM members WHERE id = ?"_s, {memberId}),
            scalar(db, u"SELECT refundable_minor FROM members WHERE id = ?"_s, {memberId}),
            scalar(db, u"SELECT pending_refund_minor FROM members WHERE id = ?"_s, {memberId})};
}

void clickOk(QDialog *dialog)
{
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
}

// A gateway that records the refunds asked of it; the test answers them (on the gateway's thread,
// the page's worker, as a real gateway's answer arrives).
class FakeGateway final : public payments::PaymentGateway {
public:
    QString name() const override { return kGateway; }
    void hold(const payments::HoldRequest &, const QString &, Callback) override {}
    void capture(const QString &, qint64, const QString &, Callback) override {}
    void voidHold(const QString &, const QString &, Callback) override {}
    void status(const QString &, Callback) override {}
    void checkConnection(Callback) override {}
    void refund(const QString &gatewayRef, qint64 amountMinor, const QString &key, Callback done) override
    {
        m_calls.append({gatewayRef, amountMinor, key, std::move(done)});
        ++asked;
    }
    // Answers the oldest waiting call, on the gateway's thread.
    void answerLater(payments::Outcome outcome)
    {
        QMetaObject::invokeMethod(this, [this, outcome] {
            Call call = m_calls.takeFirst();
            payments::GatewayResult r;
            r.outcome = outcome;
            r.gatewayRef = call.gatewayRef;
            if (outcome == payments::Outcome::Done) {
                r.refundRef = u"re_"_s + call.key.right(6);
                r.refundedMinor = call.amountMinor;
            } else {
                r.errorCode = u"timeout"_s;
                r.error = u"no answer from testpay"_s;
            }
            call.done(r);
        });
    }
    std::atomic<int> asked{0};

private:
    struct Call {
        QString gatewayRef;
        qint64 amountMinor = 0;
        QString key;
        Callback done;
    };
    QList<Call> m_calls;
};

qint64 member(const storage::Database &db, const QString &name)
{
    accounts::NewMember m;
    m.name = name;
    auto created = accounts::AccountService(db).createMember(m, u"setup"_s);
    return created ? created->member.id : 0;
}

qint64 topUp(const storage::Database &db, qint64 memberId, qint64 amount, const QString &gateway = u"manual"_s,
             const QString &receipt = {})
{
    accounts::TopUpRequest r;
    r.amountMinor = amount;
    r.currency = u"UAH"_s;
    r.gateway = gateway;
    r.receipt = receipt;
    auto done = accounts::AccountService(db).topUpMember(memberId, r, u"setup"_s);
    return done ? done->topUp.id : 0;
}

}  // namespace

class TestRefundsScreen : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void applyAndReject();
    void approveAtTheDesk();
    void approveThroughTheGateway();

private:
    std::unique_ptr<i18n::TranslationManager> m_translations;
};

void TestRefundsScreen::initTestCase()
{
    m_translations = test::startConsoleTest();
    QVERIFY(m_translations);
}

void TestRefundsScreen::cleanupTestCase()
{
    test::clearConsoleSettings();
}

void TestRefundsScreen::applyAndReject()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    const qint64 olena = member(fixture.db(), u"Olena Kovalenko"_s);
    QVERIFY(topUp(fixture.db(), olena, 50000) > 0);
    member(fixture.db(), u"Petro Shevchenko"_s);

    ui::ConsoleServices services;
    services.database = fixture.shared();
    services.actor = u"Оксана"_s;
    ui::MainWindow window(test::sampleConsoleContext(), m_translations.get(), services);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showScreen(ui::Screen::Refunds);
    auto *page = window.findChild<RefundsPage *>();
    QVERIFY(page);
    QAbstractItemModelTester list(page->applicationsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester history(page->detailPane()->historyModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester records(page->detailPane()->recordsModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester coupons(page->detailPane()->couponsModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(page, &RefundsPage::actionFinished);
    QSignalSpy loaded(page, &RefundsPage::loaded);
    page->refresh();
    QTRY_VERIFY(loaded.size() > 0);
    QCOMPARE(page->applicationsModel()->rowCount(), 0);
    QVERIFY(!page->findChild<QPushButton *>(u"approveRefundButton"_s)->isEnabled());
    QVERIFY(!page->openApprove());

    // New application…: the member picker shows what may be refunded; at most that.
    ui::ApplyRefundDialog *apply = page->openApply();
    QVERIFY(apply);
    QTRY_VERIFY(apply->isVisible());
    apply->setSearchText(u"olena"_s);
    QTRY_VERIFY(apply->member() && apply->member()->id == olena);
    QVERIFY(apply->findChild<QLabel *>(u"applyRefundMemberMoney"_s)->text().contains(u"refundable 500.00 UAH"_s));
    apply->setAmountText(u"600"_s);
    apply->setReason(u"moving to another city"_s);
    QVERIFY(!apply->primaryButton()->isEnabled());
    QVERIFY(apply->findChild<QLabel *>(u"applyRefundProblem"_s)->text().contains(u"At most 500.00 UAH"_s));
    apply->setAmountText(u"200"_s);
    QVERIFY(apply->findChild<QLabel *>(u"applyRefundProblem"_s)->text().isEmpty());
    QVERIFY(apply->revokeCoupons());  // on by default
    QTest::mouseClick(apply->primaryButton(), Qt::LeftButton);
    QCOMPARE(apply->step(), ui::ApplyRefundDialog::Step::Confirm);
    const QString confirmation = apply->confirmationText();
    QVERIFY2(confirmation.contains(u"Balance: 500.00 UAH → 300.00 UAH"_s), qPrintable(confirmation));
    QVERIFY2(confirmation.contains(u"Refundable: 500.00 UAH → 300.00 UAH"_s), qPrintable(confirmation));
    QVERIFY2(confirmation.contains(u"Pending refund: 0.00 UAH → 200.00 UAH"_s), qPrintable(confirmation));
    QCOMPARE(apply->primaryButton()->text(), u"Apply for 200.00 UAH"_s);
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM refund_applications"_s), 0);  // nothing yet
    QTest::mouseClick(apply->primaryButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    Money m = moneyOf(fixture.db(), olena);
    QCOMPARE(m.balance, 30000);
    QCOMPARE(m.refundable, 30000);
    QCOMPARE(m.pending, 20000);
    QTRY_COMPARE(page->applicationsModel()->rowCount(), 1);
    const QStringList row = page->applicationsModel()->rows().first();
    QCOMPARE(row.at(1), u"Olena Kovalenko"_s);
    QCOMPARE(row.at(2), u"200.00 UAH"_s);
    QCOMPARE(row.at(5), u"Pending audit"_s);
    const qint64 id = page->applications().first().id;

    // Selected: the member's money says where the 200 went (zpd_case#14), the history who applied.
    QSignalSpy detail(page, &RefundsPage::detailLoaded);
    QVERIFY(page->selectApplication(id));
    QTRY_VERIFY(page->selectedDetail().has_value());
    QVERIFY2(page->detailPane()->moneyText().contains(u"pending refund 200.00 UAH"_s),
             qPrintable(page->detailPane()->moneyText()));
    QCOMPARE(page->detailPane()->historyModel()->rowCount(), 1);
    QCOMPARE(page->detailPane()->historyModel()->rows().first().at(1), u"Оксана"_s);
    QVERIFY(page->findChild<QPushButton *>(u"approveRefundButton"_s)->isEnabled());
    QVERIFY(page->findChild<QPushButton *>(u"rejectRefundButton"_s)->isEnabled());
    QVERIFY(!page->findChild<QPushButton *>(u"confirmDeskRefundButton"_s)->isEnabled());
    QVERIFY(!page->findChild<QPushButton *>(u"retryRefundButton"_s)->isEnabled());

    // Reject…: a reason is required; the money goes back.
    QDialog *reject = page->openReject();
    QVERIFY(reject);
    QVERIFY(reject->findChild<QLabel *>(u"rejectRefundText"_s)->text().contains(u"200.00 UAH goes back"_s));
    QVERIFY(!reject->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    reject->findChild<QLineEdit *>(u"rejectRefundReason"_s)->setText(u"balance spent meanwhile"_s);
    clickOk(reject);
    QTRY_COMPARE(finished.size(), 2);
    QVERIFY2(finished.at(1).at(0).toBool(), qPrintable(finished.at(1).at(1).toString()));
    m = moneyOf(fixture.db(), olena);
    QCOMPARE(m.balance, 50000);
    QCOMPARE(m.refundable, 50000);
    QCOMPARE(m.pending, 0);
    QTRY_COMPARE(page->applicationsModel()->rows().first().at(5), u"Rejected"_s);
    QTRY_COMPARE(page->detailPane()->historyModel()->rowCount(), 2);
    QCOMPARE(page->detailPane()->historyModel()->rows().at(1).at(5), u"balance spent meanwhile"_s);
    QTRY_VERIFY(!page->findChild<QPushButton *>(u"rejectRefundButton"_s)->isEnabled());

    // The filter: no pending application is left; another's search finds none.
    page->setStatusFilter(RefundsPage::StatusFilter::Pending);
    QTRY_COMPARE(page->applicationsModel()->rowCount(), 0);
    page->setStatusFilter(RefundsPage::StatusFilter::All);
    QTRY_COMPARE(page->applicationsModel()->rowCount(), 1);
    page->setMemberSearch(u"petro"_s);
    QTRY_COMPARE(page->applicationsModel()->rowCount(), 0);
    page->setMemberSearch(u"kovalenko"_s);
    QTRY_COMPARE(page->applicationsModel()->rowCount(), 1);
}

void TestRefundsScreen::approveAtTheDesk()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    const qint64 olena = member(fixture.db(), u"Olena Kovalenko"_s);
    const qint64 first = topUp(fixture.db(), olena, 10000);
    const qint64 second = topUp(fixture.db(), olena, 30000);
    QVERIFY(first > 0 && second > 0);
    refunds::RefundRequest request;
    request.memberId = olena;
    request.amountMinor = 35000;
    request.currency = u"UAH"_s;
    request.reason = u"closing the account"_s;
    auto applied = refunds::RefundService(fixture.db(), nullptr).apply(request, u"setup"_s);
    QVERIFY2(applied.ok(), qPrintable(applied.ok() ? QString() : applied.error().message));

    ui::ConsoleServices services;
    services.database = fixture.shared();
    services.actor = u"Оксана"_s;
    ui::MainWindow window(test::sampleConsoleContext(), m_translations.get(), services);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showScreen(ui::Screen::Refunds);
    auto *page = window.findChild<RefundsPage *>();
    QVERIFY(page);
    QAbstractItemModelTester list(page->applicationsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester records(page->detailPane()->recordsModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(page, &RefundsPage::actionFinished);
    QTRY_COMPARE(page->applicationsModel()->rowCount(), 1);
    QVERIFY(page->selectApplication(applied->id));

    // Approve…: the commission, then where the rest goes (cash at the desk for both top-ups).
    ui::ApproveRefundDialog *approve = page->openApprove();
    QVERIFY(approve);
    approve->setCommissionText(u"350"_s);
    QVERIFY(!approve->primaryButton()->isEnabled());  // not less than the amount
    approve->setCommissionText(u"15"_s);
    approve->setReason(u"as agreed"_s);
    QTest::mouseClick(approve->primaryButton(), Qt::LeftButton);
    QTRY_COMPARE(approve->step(), ui::ApproveRefundDialog::Step::Confirm);
    const QString confirmation = approve->confirmationText();
    QVERIFY2(confirmation.contains(u"300.00 UAH is paid back in cash at the desk for top-up %1"_s.arg(second)),
             qPrintable(confirmation));
    QVERIFY2(confirmation.contains(u"35.00 UAH is paid back in cash at the desk for top-up %1"_s.arg(first)),
             qPrintable(confirmation));
    QVERIFY2(confirmation.contains(u"Commission 15.00 UAH is kept."_s), qPrintable(confirmation));
    QCOMPARE(approve->primaryButton()->text(), u"Approve and refund 335.00 UAH"_s);
    QCOMPARE(scalar(fixture.db(), u"SELECT COUNT(*) FROM refund_gateway_records"_s), 0);
    QTest::mouseClick(approve->primaryButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    QCOMPARE(moneyOf(fixture.db(), olena).pending, 33500);  // the commission is kept

    // Confirm desk refund…: enabled for the desk records; paid, then not paid.
    QTRY_COMPARE(page->detailPane()->recordsModel()->rowCount(), 2);
    auto *desk = page->findChild<QPushButton *>(u"confirmDeskRefundButton"_s);
    QTRY_VERIFY(desk->isEnabled());
    QVERIFY(!page->findChild<QPushButton *>(u"approveRefundButton"_s)->isEnabled());
    QDialog *paid = page->openDeskConfirm();
    QVERIFY(paid);
    paid->findChild<QLineEdit *>(u"deskRefundReceipt"_s)->setText(u"D-77"_s);
    QVERIFY(!paid->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());  // no reason yet
    paid->findChild<QLineEdit *>(u"deskRefundReason"_s)->setText(u"paid at the desk"_s);
    clickOk(paid);
    QTRY_COMPARE(finished.size(), 2);
    QVERIFY2(finished.at(1).at(0).toBool(), qPrintable(finished.at(1).at(1).toString()));
    QCOMPARE(moneyOf(fixture.db(), olena).pending, 3500);
    QTRY_VERIFY(page->detailPane()->recordsModel()->rows().first().at(1) == u"D-77"_s);
    QTRY_VERIFY(desk->isEnabled());
    QDialog *notPaid = page->openDeskConfirm();
    QVERIFY(notPaid);
    notPaid->findChild<QRadioButton *>(u"deskRefundNotPaid"_s)->setChecked(true);
    notPaid->findChild<QLineEdit *>(u"deskRefundReason"_s)->setText(u"member did not come"_s);
    clickOk(notPaid);
    QTRY_COMPARE(finished.size(), 3);
    QVERIFY2(finished.at(2).at(0).toBool(), qPrintable(finished.at(2).at(1).toString()));
    const Money m = moneyOf(fixture.db(), olena);
    QCOMPARE(m.pending, 0);
    QCOMPARE(m.balance, 5000 + 3500);  // what was left, and the part not paid
    QTRY_COMPARE(page->applicationsModel()->rows().first().at(6), u"Partially refunded"_s);
    QCOMPARE(page->applicationsModel()->rows().first().at(4), u"300.00 UAH"_s);
    QTRY_VERIFY(!desk->isEnabled());
}

void TestRefundsScreen::approveThroughTheGateway()
{
    test::TestDatabase fixture;
    CD_REQUIRE_DB(fixture);
    const qint64 olena = member(fixture.db(), u"Olena Kovalenko"_s);
    const qint64 card = topUp(fixture.db(), olena, 40000, kGateway, u"pi_4242"_s);
    QVERIFY(card > 0);
    refunds::RefundRequest request;
    request.memberId = olena;
    request.amountMinor = 25000;
    request.currency = u"UAH"_s;
    request.reason = u"moving"_s;
    auto applied = refunds::RefundService(fixture.db(), nullptr).apply(request, u"setup"_s);
    QVERIFY(applied.ok());

    ui::ConsoleServices services;
    services.database = fixture.shared();
    services.actor = u"Оксана"_s;
    std::atomic<FakeGateway *> gateway{nullptr};
    RefundsPage page(services, [&gateway](const storage::Database &) {
        auto fake = std::make_unique<FakeGateway>();
        gateway = fake.get();
        return std::unique_ptr<payments::PaymentGateway>(std::move(fake));
    });
    page.resize(1200, 700);
    page.show();
    QAbstractItemModelTester list(page.applicationsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&page, &RefundsPage::actionFinished);
    QSignalSpy answered(&page, &RefundsPage::gatewayAnswered);
    QTRY_COMPARE(page.applicationsModel()->rowCount(), 1);
    QVERIFY(gateway.load());  // the one service was made at start
    QVERIFY(page.selectApplication(applied->id));

    ui::ApproveRefundDialog *approve = page.openApprove();
    QVERIFY(approve);
    approve->setCommissionText(u"0"_s);
    QVERIFY(!approve->primaryButton()->isEnabled());  // no reason yet
    approve->setReason(u"approved"_s);
    QTest::mouseClick(approve->primaryButton(), Qt::LeftButton);
    QTRY_COMPARE(approve->step(), ui::ApproveRefundDialog::Step::Confirm);
    QVERIFY2(approve->confirmationText().contains(
                 u"250.00 UAH goes back to the card of top-up %1 (pi_4242) through testpay"_s.arg(card)),
             qPrintable(approve->confirmationText()));
    QTest::mouseClick(approve->primaryButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    QTRY_COMPARE(gateway.load()->asked.load(), 1);

    // No answer: the record stays in progress; Retry sends it again; the late answer lands.
    gateway.load()->answerLater(payments::Outcome::Unknown);
    QTRY_COMPARE(answered.size(), 1);
    auto *retry = page.findChild<QPushButton *>(u"retryRefundButton"_s);
    QTRY_VERIFY(retry->isEnabled());
    QTRY_VERIFY(page.detailPane()->recordsModel()->rowCount() == 1 &&
                page.detailPane()->recordsModel()->rows().first().at(6).contains(u"timeout"_s));
    QVERIFY(page.retry());
    QTRY_COMPARE(finished.size(), 2);
    QVERIFY2(finished.at(1).at(1).toString().contains(u"1 refund(s) sent"_s) ||
                 finished.at(1).at(1).toString().contains(u"1 refund sent"_s),
             qPrintable(finished.at(1).at(1).toString()));
    QTRY_COMPARE(gateway.load()->asked.load(), 2);
    gateway.load()->answerLater(payments::Outcome::Done);
    QTRY_COMPARE(answered.size(), 2);
    QVERIFY(answered.at(1).at(2).toBool());
    QTRY_COMPARE(page.applicationsModel()->rows().first().at(6), u"Refunded"_s);
    QCOMPARE(page.applicationsModel()->rows().first().at(4), u"250.00 UAH"_s);
    const Money m = moneyOf(fixture.db(), olena);
    QCOMPARE(m.pending, 0);
    QCOMPARE(m.balance, 15000);
    QTRY_VERIFY(!retry->isEnabled());
}

QTEST_MAIN(TestRefundsScreen)
#include "tst_refunds.moc"
