// Drives the control block of the Operations screen offscreen on a real session (made by the
// charging service through a loopback station) with a real hold (manual gateway): the card's
// Actions menu opens each action's dialog, the preview shows what happens to the money before
// anything runs, Apply needs a reason and a plan that runs, and applying changes the session,
// moves the money through the hold service and leaves the reason in the audit log.

#include "chargingtestsupport.h"

#include "core/i18n/translationmanager.h"
#include "core/payments/holdservice.h"
#include "core/payments/manualgateway.h"
#include "core/sessions/sessionactionservice.h"
#include "ui/operations/operationspage.h"
#include "ui/operations/sessionactiondialog.h"
#include "ui/operations/sessioncard.h"
#include "ui/operations/sessiontablemodel.h"
#include "ui/shell/mainwindow.h"
#include "uitestsupport.h"

#include <QApplication>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QComboBox>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace Qt::StringLiterals;
using namespace cd::test;
using cd::sessions::ActionKind;
using cd::ui::OperationsPage;
using cd::ui::SessionActionDialog;

namespace {

constexpr qint64 kMinute = 60 * 1000;

QString labelText(QWidget *root, const QString &name)
{
    auto *label = root->findChild<QLabel *>(name);
    return label ? label->text() : u"(no %1)"_s.arg(name);
}

// The dialog the card's Actions menu opens for `kind`, once its first preview is shown.
SessionActionDialog *openFromMenu(QWidget *window, ActionKind kind)
{
    auto *button = window->findChild<QToolButton *>(u"cardActions"_s);
    if (!button || !button->isVisible())
        return nullptr;
    const QList<QAction *> items = button->menu()->actions();
    for (QAction *item : items) {
        if (!item->isSeparator() && item->data().toInt() == int(kind)) {
            item->trigger();
            break;
        }
    }
    SessionActionDialog *dialog = nullptr;
    if (!QTest::qWaitFor([&] {
            dialog = window->findChild<SessionActionDialog *>();
            return dialog && dialog->isVisible();
        }, 5000))
        return nullptr;
    if (!QTest::qWaitFor([&] { return dialog->plan().has_value(); }, 10000))
        return nullptr;
    return dialog;
}

void closeDialog(SessionActionDialog *dialog)
{
    QPointer<SessionActionDialog> guard(dialog);
    dialog->close();
    QTRY_VERIFY_WITH_TIMEOUT(guard.isNull(), 5000);
}

}  // namespace

class TestSessionActions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void controlBlock();

private:
    std::unique_ptr<cd::i18n::TranslationManager> m_translations;
};

void TestSessionActions::initTestCase()
{
    m_translations = startConsoleTest();
    QVERIFY(m_translations);
}

void TestSessionActions::cleanupTestCase()
{
    clearConsoleSettings();
}

void TestSessionActions::controlBlock()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    h.clock.setNowMs(now - 30 * kMinute);
    h.addStation(u"ACT-1"_s);
    const qint64 member = h.insertId(u"INSERT INTO members (name, phone, created_ms) VALUES (?,?,?)"_s,
                                     {u"Taras"_s, u"+380671234567"_s, now});
    h.addTag(u"CARD-T"_s, u"Accepted"_s, member);
    // A global tariff: 8.00 per kWh of energy, 2.00 service fee per kWh.
    QVERIFY(h.insertId(u"INSERT INTO tariffs (name, scope_type, version, valid_from_ms, currency, energy_price_minor_per_kwh, "
                       "service_fee_minor_per_kwh, created_by, created_ms) VALUES ('Base','global',1,?, 'UAH', 800, 200, 'test', ?)"_s,
                       {now - 86'400'000, now}) > 0);
    auto &link = h.connect(u"ACT-1"_s);
    CD_ANSWER_OK(h.boot(link));
    const Answer started = callFrom(link, u"StartTransaction"_s,
                                    {{"connectorId", 1}, {"idTag", "CARD-T"}, {"meterStart", 10000}, {"timestamp", iso(now - 30 * kMinute)}});
    QVERIFY2(started.ok, qPrintable(show(started)));
    const qint64 tx = started.payload["transactionId"].get<qint64>();
    h.clock.setNowMs(now - kMinute);
    CD_ANSWER_OK(callFrom(link, u"MeterValues"_s,
                          {{"connectorId", 1},
                           {"transactionId", tx},
                           {"meterValue", json::array({{{"timestamp", iso(now - kMinute)},
                                                        {"sampledValue", json::array({{{"value", "22500"},
                                                                                        {"measurand", "Energy.Active.Import.Register"},
                                                                                        {"unit", "Wh"}}})}}})}}));
    h.idle();
    const qint64 sessionId = h.scalar(u"SELECT id FROM sessions WHERE ocpp_transaction_id = ?"_s, {QString::number(tx)}).toLongLong();
    QVERIFY(sessionId > 0);

    // A hold of 500.00 UAH on the customer's card (the manual gateway: cash at the desk).
    cd::payments::ManualGateway gateway(h.db());
    cd::payments::HoldService holds(h.db(), gateway);
    QSignalSpy held(&holds, &cd::payments::HoldService::callFinished);
    cd::payments::HoldRequest request;
    request.amountMinor = 50000;
    request.currency = u"UAH"_s;
    request.cardToken = u"pm_card_visa"_s;
    auto placed = holds.placeHold({sessionId, request}, {u"app"_s, u"session start"_s});
    QVERIFY2(placed, placed ? "" : qPrintable(placed.error().message));
    QVERIFY(held.wait(5000));
    QCOMPARE(h.scalar(u"SELECT hold_status FROM sessions WHERE id = ?"_s, {sessionId}).toString(), u"hold"_s);

    cd::sessions::SessionActionService actions(h.fixture.shared());
    cd::ui::ConsoleServices services;
    services.database = h.fixture.shared();
    services.sessionActions = &actions;
    services.actor = u"console:tester"_s;
    cd::ui::MainWindow window(sampleConsoleContext(), m_translations.get(), services);
    window.resize(1280, 800);
    window.show();
    window.showScreen(cd::ui::Screen::Operations);
    auto *page = window.findChild<OperationsPage *>();
    QVERIFY(page);
    QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() == 1, 15000);
    QSignalSpy detail(page, &OperationsPage::detailLoaded);
    QVERIFY(page->selectSession(sessionId));
    QVERIFY(detail.wait(10000));
    auto *actionsButton = window.findChild<QToolButton *>(u"cardActions"_s);
    QVERIFY(actionsButton && actionsButton->isVisible());
    QCOMPARE(actionsButton->text(), u"Actions"_s);

    // Finish: the preview before anything runs — 12.5 kWh priced at 10.00/kWh = 125.00 captured of
    // the 500.00 held, 375.00 released.
    {
        SessionActionDialog *dialog = openFromMenu(&window, ActionKind::Finish);
        QVERIFY(dialog);
        QVERIFY2(dialog->plan()->ok(), qPrintable(dialog->plan()->refusals.join(u"; ")));
        QCOMPARE(dialog->plan()->captureMinor, 12500);
        QCOMPARE(dialog->plan()->releaseMinor, 37500);
        QCOMPARE(labelText(dialog, u"previewStatus"_s), u"Charging → Finished"_s);
        QCOMPARE(labelText(dialog, u"previewAmount"_s).endsWith(u"125.00 UAH"_s), true);
        QCOMPARE(labelText(dialog, u"previewMoney"_s),
                 u"Capture 125.00 UAH from the card.\nRelease 375.00 UAH back to the customer's card."_s);
        auto *apply = dialog->findChild<QPushButton *>(u"actionApply"_s);
        QVERIFY(apply);
        QVERIFY(!apply->isEnabled());  // no reason yet
        QVERIFY(!apply->toolTip().isEmpty());
        // Nothing ran while the dialog only showed the plan.
        QCOMPARE(h.scalar(u"SELECT status FROM sessions WHERE id = ?"_s, {sessionId}).toString(), u"ongoing"_s);
        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(u"actionReason"_s), u"station froze, customer unplugged"_s);
        QVERIFY(apply->isEnabled());
        QSignalSpy settled(dialog, &SessionActionDialog::outcomeFinal);
        QTest::mouseClick(apply, Qt::LeftButton);
        QVERIFY(settled.wait(10000));
        const QString result = labelText(dialog, u"actionResult"_s);
        QVERIFY2(result.contains(u"The gateway did it"_s), qPrintable(result));
        QCOMPARE(h.scalar(u"SELECT status FROM sessions WHERE id = ?"_s, {sessionId}).toString(), u"finished"_s);
        QCOMPARE(h.scalar(u"SELECT hold_status FROM sessions WHERE id = ?"_s, {sessionId}).toString(), u"success"_s);
        QCOMPARE(h.scalar(u"SELECT captured_minor FROM payment_holds WHERE session_id = ?"_s, {sessionId}).toLongLong(), 12500);
        QCOMPARE(h.scalar(u"SELECT COUNT(*) FROM audit_log WHERE operator_name = 'console:tester' AND reason = ?"_s,
                          {u"station froze, customer unplugged"_s}).toInt() >= 1, true);
        // Applied once: the button is gone, Close is what is left.
        QVERIFY(!dialog->findChild<QPushButton *>(u"actionApply"_s));
        closeDialog(dialog);
    }
    // The card follows.
    QTRY_COMPARE_WITH_TIMEOUT(labelText(&window, u"cardStatus"_s), u"Finished"_s, 10000);

    // Finalize on a captured hold: refused in the preview, with the reason; a bad amount is said as such.
    {
        SessionActionDialog *dialog = openFromMenu(&window, ActionKind::Finalize);
        QVERIFY(dialog);
        QVERIFY(!dialog->plan()->ok());
        QVERIFY(!labelText(dialog, u"actionRefusals"_s).isEmpty());
        auto *amount = dialog->findChild<QLineEdit *>(u"actionAmount"_s);
        QVERIFY(amount);
        QSignalSpy shown(dialog, &SessionActionDialog::planShown);
        QTest::keyClicks(amount, u"12.345"_s);
        QVERIFY(shown.wait(5000));
        QVERIFY(!dialog->plan());
        QVERIFY2(labelText(dialog, u"actionRefusals"_s).startsWith(u"Type an amount such as"_s),
                 qPrintable(labelText(dialog, u"actionRefusals"_s)));
        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(u"actionReason"_s), u"try"_s);
        QVERIFY(!dialog->findChild<QPushButton *>(u"actionApply"_s)->isEnabled());
        closeDialog(dialog);
    }

    // Change status: SOFT may not move a finished session back to charging; OVERRIDE may, audited as such.
    {
        SessionActionDialog *dialog = openFromMenu(&window, ActionKind::ChangeStatus);
        QVERIFY(dialog);
        auto *status = dialog->findChild<QComboBox *>(u"actionStatus"_s);
        QVERIFY(status);
        QSignalSpy shown(dialog, &SessionActionDialog::planShown);
        status->setCurrentIndex(status->findData(u"ongoing"_s));
        QVERIFY(shown.wait(5000));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->plan().has_value(), 5000);
        QVERIFY(!dialog->plan()->ok());
        shown.clear();
        dialog->findChild<QRadioButton *>(u"actionOverride"_s)->setChecked(true);
        QVERIFY(shown.wait(5000));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->plan().has_value() && dialog->plan()->ok(), 5000);
        QCOMPARE(labelText(dialog, u"previewMoney"_s), u"Money does not move."_s);
        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(u"actionReason"_s), u"customer still charging, station confirms"_s);
        QSignalSpy settled(dialog, &SessionActionDialog::outcomeFinal);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"actionApply"_s), Qt::LeftButton);
        QVERIFY(settled.wait(10000));
        QCOMPARE(h.scalar(u"SELECT status FROM sessions WHERE id = ?"_s, {sessionId}).toString(), u"ongoing"_s);
        const QString after = h.scalar(u"SELECT after_state FROM audit_log WHERE reason = ?"_s,
                                       {u"customer still charging, station confirms"_s}).toString();
        QVERIFY2(after.contains(u"override"_s), qPrintable(after));
        closeDialog(dialog);
    }

    // Stop: a command to the station, queued and audited with its reason; money does not move.
    {
        SessionActionDialog *dialog = openFromMenu(&window, ActionKind::Stop);
        QVERIFY(dialog);
        QVERIFY2(dialog->plan()->ok(), qPrintable(dialog->plan()->refusals.join(u"; ")));
        QCOMPARE(labelText(dialog, u"previewCommand"_s), u"RemoteStopTransaction"_s);
        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(u"actionReason"_s), u"customer asked to stop"_s);
        QSignalSpy settled(dialog, &SessionActionDialog::outcomeFinal);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"actionApply"_s), Qt::LeftButton);
        QVERIFY(settled.wait(10000));
        QVERIFY2(labelText(dialog, u"actionResult"_s).startsWith(u"Command "_s), qPrintable(labelText(dialog, u"actionResult"_s)));
        QCOMPARE(h.scalar(u"SELECT reason FROM audit_log WHERE action = 'command.submit'"_s).toString(), u"customer asked to stop"_s);
        closeDialog(dialog);
    }
}

QTEST_MAIN(TestSessionActions)
#include "tst_sessionactions.moc"
