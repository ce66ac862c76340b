// Stations › Place…: a site manager puts a station on a site and on the map through the dialog,
// on a SQLCipher database with operator accounts; both changes are in the audit log by her, with
// her reason; taking the station off the map clears its place; a support operator has no Place…
// button; a role that lost "add and change stations" meanwhile is refused in core, the dialog
// says so and nothing changes.

#include "uitestsupport.h"
#include "support/testdatabase.h"
#include "core/access/accessservice.h"
#include "core/storage/siterepository.h"
#include "core/storage/sqlhelpers.h"
#include "core/storage/stationrepository.h"
#include "ui/shell/mainwindow.h"
#include "ui/stations/placementdialog.h"
#include "ui/stations/stationspage.h"
#include "ui/stations/stationtablemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace cd;
using namespace cd::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kAdminPassword = "admin-password-1";
const QByteArray kPassword = "operator-password-2";

}  // namespace

class TestPlacement : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<i18n::TranslationManager> m_translations;
    std::unique_ptr<TestDatabase> m_fixture;
    access::Actor m_admin;
    qint64 m_siteId = 0;

    storage::Database &db() const { return m_fixture->db(); }

    qint64 count(const QString &sql) const
    {
        auto q = storage::Sql::run(db().connection(), sql);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

    std::optional<storage::Station> station() const
    {
        auto found = storage::StationRepository(db()).find(u"KYIV-0001"_s);
        return found ? *found : std::nullopt;
    }

    access::Actor operatorActor(const QString &login)
    {
        auto actor = access::AccessService(db()).authenticate(login, kPassword);
        return actor ? *actor : access::Actor();
    }

    // The Stations screen of a console logged in as `actor`.
    std::unique_ptr<ui::MainWindow> stationsOf(const access::Actor &actor)
    {
        ui::ConsoleServices services;
        services.database = m_fixture->shared();
        services.actor = actor;
        auto window = std::make_unique<ui::MainWindow>(sampleConsoleContext(), m_translations.get(), services);
        window->resize(1280, 800);
        window->show();
        window->showScreen(ui::Screen::Stations);
        return window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_translations = startConsoleTest();
        QVERIFY(m_translations);
        m_fixture = std::make_unique<TestDatabase>();
        QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
        storage::Station s;
        s.chargePointId = u"KYIV-0001"_s;
        s.name = u"Kyiv, Khreshchatyk 1"_s;
        QVERIFY(storage::StationRepository(db()).add(s));
        auto site = storage::SiteRepository(db()).addSite(u"Khreshchatyk garage"_s, u"Khreshchatyk 1"_s, std::nullopt);
        QVERIFY(site);
        m_siteId = *site;
        access::AccessService service(db());
        QVERIFY(service.createFirstAdministrator({u"admin"_s, u"Anna Admin"_s, kAdminPassword, {}, 2}));
        auto admin = service.authenticate(u"admin"_s, kAdminPassword);
        QVERIFY(admin);
        m_admin = *admin;
        QVERIFY(service.createOperator(m_admin, {u"iryna"_s, u"Iryna B"_s, kPassword, u"site_manager"_s, 1}));
        QVERIFY(service.createOperator(m_admin, {u"sam"_s, u"Sam S"_s, kPassword, u"support"_s, 1}));
    }
    void cleanupTestCase() { clearConsoleSettings(); }

    void siteManagerPlacesAStation()
    {
        auto window = stationsOf(operatorActor(u"iryna"_s));
        auto *page = window->findChild<ui::StationsPage *>();
        QVERIFY(page);
        QTRY_VERIFY(page->selectStation(u"KYIV-0001"_s));
        auto *place = window->findChild<QPushButton *>(u"stationPlace"_s);
        QVERIFY(place && place->isVisible() && place->isEnabled());
        QCOMPARE(place->text(), u"Place…"_s);

        QPointer<ui::PlacementDialog> dialog = page->openPlacementDialog();
        QVERIFY(dialog);
        QSignalSpy sites(dialog.data(), &ui::PlacementDialog::sitesLoaded);
        dialog->show();
        QTRY_COMPARE(sites.size(), 1);
        auto *site = dialog->findChild<QComboBox *>(u"placementSite"_s);
        auto *onMap = dialog->findChild<QCheckBox *>(u"placementOnMap"_s);
        auto *latitude = dialog->findChild<QDoubleSpinBox *>(u"placementLatitude"_s);
        auto *longitude = dialog->findChild<QDoubleSpinBox *>(u"placementLongitude"_s);
        QVERIFY(site && onMap && latitude && longitude);
        QCOMPARE(site->count(), 2);  // no site, and the one site
        QCOMPARE(site->currentIndex(), 0);
        QVERIFY(!onMap->isChecked());
        QVERIFY(!latitude->isEnabled());  // off the map: no coordinates to type
        site->setCurrentIndex(site->findData(m_siteId));
        onMap->setChecked(true);
        QVERIFY(latitude->isEnabled());
        QCOMPARE(latitude->maximum(), 90.0);
        QCOMPARE(longitude->minimum(), -180.0);
        latitude->setValue(50.447731);
        longitude->setValue(30.522581);
        dialog->findChild<QLineEdit *>(u"placementReason"_s)->setText(u"surveyed on site"_s);
        dialog->save();
        QTRY_VERIFY(!dialog);  // closed when saved

        auto saved = station();
        QVERIFY(saved);
        QCOMPARE(saved->siteId, std::optional<qint64>(m_siteId));
        QVERIFY(saved->latitude && std::abs(*saved->latitude - 50.447731) < 1e-9);
        QVERIFY(saved->longitude && std::abs(*saved->longitude - 30.522581) < 1e-9);
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'station.set_site' AND entity_id = 'KYIV-0001' "
                       "AND operator_name = 'iryna' AND reason = 'surveyed on site'"_s),
                 1);
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action = 'station.set_location' AND operator_name = 'iryna' "
                       "AND before_state LIKE '%\"latitude\":null%'"_s),
                 1);

        // The list shows it as it is now; saving unchanged fields changes nothing.
        const auto listed = [page] { return page->model()->station(page->model()->rowOf(u"KYIV-0001"_s)); };
        QTRY_VERIFY(listed() && listed()->place.located() && listed()->place.siteId);
        dialog = page->openPlacementDialog();
        QSignalSpy again(dialog.data(), &ui::PlacementDialog::sitesLoaded);
        dialog->show();
        QTRY_COMPARE(again.size(), 1);
        QVERIFY(dialog->onMap());
        QCOMPARE(dialog->latitude(), 50.447731);
        QCOMPARE(dialog->siteId(), std::optional<qint64>(m_siteId));
        dialog->save();
        QTRY_VERIFY(!dialog);
        QCOMPARE(count(u"SELECT COUNT(*) FROM audit_log WHERE action LIKE 'station.set_%'"_s), 2);

        // Off the map: the place is cleared (it stays on its site).
        dialog = page->openPlacementDialog();
        QSignalSpy third(dialog.data(), &ui::PlacementDialog::sitesLoaded);
        dialog->show();
        QTRY_COMPARE(third.size(), 1);
        dialog->findChild<QCheckBox *>(u"placementOnMap"_s)->setChecked(false);
        dialog->save();
        QTRY_VERIFY(!dialog);
        saved = station();
        QVERIFY(saved && !saved->latitude && !saved->longitude);
        QCOMPARE(saved->siteId, std::optional<qint64>(m_siteId));
    }

    void refusals()
    {
        // Support: no Place… at all.
        {
            auto window = stationsOf(operatorActor(u"sam"_s));
            auto *place = window->findChild<QPushButton *>(u"stationPlace"_s);
            QVERIFY(place);
            QVERIFY(!place->isVisible());
        }
        // The permission taken from site managers after the window was built: refused in core.
        auto window = stationsOf(operatorActor(u"iryna"_s));
        auto *page = window->findChild<ui::StationsPage *>();
        QTRY_VERIFY(page->selectStation(u"KYIV-0001"_s));
        QVERIFY(access::AccessService(db()).revoke(m_admin, u"site_manager"_s, {u"stations.edit"_s}));
        QPointer<ui::PlacementDialog> dialog = page->openPlacementDialog();
        QSignalSpy sites(dialog.data(), &ui::PlacementDialog::sitesLoaded);
        dialog->show();
        QTRY_COMPARE(sites.size(), 1);
        dialog->findChild<QComboBox *>(u"placementSite"_s)->setCurrentIndex(0);  // off its site
        dialog->save();
        QTRY_VERIFY(!dialog->errorText().isEmpty());
        QCOMPARE(dialog->errorText(),
                 u"Your role (Site manager) does not allow: add and change stations. Ask an administrator."_s);
        QVERIFY(dialog->isVisible());
        QCOMPARE(station()->siteId, std::optional<qint64>(m_siteId));
        dialog->reject();
    }
};

QTEST_MAIN(TestPlacement)
#include "tst_placement.moc"
