#include "ui/stations/placementdialog.h"

#include "core/charging/stationplacement.h"
#include "core/storage/queryrunner.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {

QDoubleSpinBox *coordinateSpin(const QString &objectName, double limit, QWidget *parent)
{
    auto *spin = new QDoubleSpinBox(parent);
    spin->setObjectName(objectName);
    spin->setRange(-limit, limit);
    spin->setDecimals(6);  // about 10 cm
    spin->setSingleStep(0.0001);
    spin->setSuffix(u"°"_s);
    return spin;
}

// The fields show six decimals: a stored place with more is unchanged unless edited.
bool sameCoordinate(std::optional<double> a, std::optional<double> b)
{
    if (!a || !b)
        return a.has_value() == b.has_value();
    return std::abs(*a - *b) < 5e-7;
}

}  // namespace

PlacementDialog::PlacementDialog(QString chargePointId, charging::StationPlace place, storage::QueryRunner &runner,
                                 access::Actor actor, QWidget *parent)
    : QDialog(parent), m_chargePointId(std::move(chargePointId)), m_place(std::move(place)), m_runner(runner),
      m_actor(std::move(actor))
{
    setObjectName(u"placementDialog"_s);
    setWindowTitle(tr("Place station %1").arg(m_chargePointId));
    setMinimumWidth(480);

    auto *explanation = new WrappingLabel(this);
    explanation->setText(tr("Where %1 stands: its site decides whose meter and which partner's reports it counts in; "
                            "its place on the map is where site managers find it. Both changes are kept in the audit "
                            "log.")
                             .arg(m_chargePointId));
    m_site = new QComboBox(this);
    m_site->setObjectName(u"placementSite"_s);
    m_site->addItem(tr("No site"), QVariant());
    m_onMap = new QCheckBox(tr("Show on the map at"), this);
    m_onMap->setObjectName(u"placementOnMap"_s);
    m_latitude = coordinateSpin(u"placementLatitude"_s, 90.0, this);
    m_longitude = coordinateSpin(u"placementLongitude"_s, 180.0, this);
    m_onMap->setChecked(m_place.located());
    m_latitude->setValue(m_place.latitude.value_or(0.0));
    m_longitude->setValue(m_place.longitude.value_or(0.0));
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(u"placementReason"_s);
    m_reason->setMaxLength(500);
    m_error = new QLabel(this);
    m_error->setObjectName(u"placementError"_s);
    m_error->setWordWrap(true);
    style::makeError(m_error);
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Site:"), m_site);
    form->addRow(m_onMap);
    form->addRow(tr("&Latitude:"), m_latitude);
    form->addRow(tr("L&ongitude:"), m_longitude);
    form->addRow(tr("&Reason:"), m_reason);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);  // until the sites are read

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_onMap, &QCheckBox::toggled, this, &PlacementDialog::updateFields);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PlacementDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateFields();

    using Sites = Expected<QList<storage::SiteRow>>;
    m_runner.run<Sites>(
        this, [](const std::shared_ptr<storage::Database> &db) { return charging::StationPlacement(*db).sites(); },
        [this](Sites sites) {
            if (!sites) {
                showError(sites.error().message);
                return;
            }
            for (const storage::SiteRow &s : *sites) {
                const QString text = s.subOperator.isEmpty() ? s.name : tr("%1 (%2)").arg(s.name, s.subOperator);
                m_site->addItem(text, s.id);
            }
            if (m_place.siteId)
                m_site->setCurrentIndex(std::max(0, m_site->findData(*m_place.siteId)));
            m_buttons->button(QDialogButtonBox::Save)->setEnabled(true);
            emit sitesLoaded(int(sites->size()));
        });
}

std::optional<qint64> PlacementDialog::siteId() const
{
    const QVariant id = m_site->currentData();
    return id.isValid() ? std::optional<qint64>(id.toLongLong()) : std::nullopt;
}

bool PlacementDialog::onMap() const
{
    return m_onMap->isChecked();
}

double PlacementDialog::latitude() const
{
    return m_latitude->value();
}

double PlacementDialog::longitude() const
{
    return m_longitude->value();
}

QString PlacementDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void PlacementDialog::updateFields()
{
    m_latitude->setEnabled(m_onMap->isChecked() && !m_saving);
    m_longitude->setEnabled(m_onMap->isChecked() && !m_saving);
    for (QWidget *w : {static_cast<QWidget *>(m_site), static_cast<QWidget *>(m_onMap), static_cast<QWidget *>(m_reason)})
        w->setEnabled(!m_saving);
}

void PlacementDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void PlacementDialog::save()
{
    if (m_saving || !m_buttons->button(QDialogButtonBox::Save)->isEnabled())
        return;
    const std::optional<qint64> site = siteId();
    const std::optional<double> lat = onMap() ? std::optional<double>(latitude()) : std::nullopt;
    const std::optional<double> lon = onMap() ? std::optional<double>(longitude()) : std::nullopt;
    const bool siteChanged = site != m_place.siteId;
    const bool placeChanged = !sameCoordinate(lat, m_place.latitude) || !sameCoordinate(lon, m_place.longitude);
    if (!siteChanged && !placeChanged) {
        accept();
        return;
    }
    m_saving = true;
    showError({});
    updateFields();
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    const QString station = m_chargePointId;
    const QString reason = m_reason->text().trimmed();
    const access::Actor actor = m_actor;
    // The two changes are audited one by one; the first to fail stops (what was saved stays saved:
    // a second Save does not repeat it).
    struct Outcome {
        bool siteSaved = false;
        Status status;
    };
    m_runner.run<Outcome>(
        this,
        [=](const std::shared_ptr<storage::Database> &db) -> Outcome {
            charging::StationPlacement placement(*db);
            Outcome outcome;
            if (siteChanged) {
                if (auto done = placement.setSite(actor, station, site, reason); !done) {
                    outcome.status = done.error();
                    return outcome;
                }
                outcome.siteSaved = true;
            }
            if (placeChanged) {
                if (auto done = placement.setLocation(actor, station, lat, lon, reason); !done)
                    outcome.status = done.error();
            }
            return outcome;
        },
        [this, site](Outcome outcome) {
            m_saving = false;
            if (outcome.siteSaved)
                m_place.siteId = site;
            updateFields();
            m_buttons->button(QDialogButtonBox::Save)->setEnabled(true);
            if (!outcome.status) {
                showError(outcome.status.error().message);
                return;
            }
            emit saved();
            accept();
        });
}

}  // namespace cd::ui
