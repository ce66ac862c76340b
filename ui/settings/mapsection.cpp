#include "ui/settings/mapsection.h"

#include "core/common/appsettings.h"
#include "ui/settings/settingsform.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QCheckBox>
#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

using namespace settingsform;

MapSection::MapSection(QWidget *parent) : QWidget(parent), m_saved(MapSettings::load(appSettings()))
{
    m_heading = sectionHeading(u"mapHeading"_s, this);
    QFrame *frame = card(u"mapGroup"_s, this);
    m_online = new QCheckBox(frame);
    m_online->setObjectName(u"mapOnlineTiles"_s);
    m_url = new QLineEdit(frame);
    m_url->setObjectName(u"mapTileUrl"_s);
    m_url->setMaxLength(500);
    m_url->setMinimumWidth(320);
    m_attribution = new QLineEdit(frame);
    m_attribution->setObjectName(u"mapAttribution"_s);
    m_attribution->setMaxLength(200);
    m_formError = valueLabel(u"mapFormError"_s, frame);
    style::makeError(m_formError);
    m_formError->setWordWrap(true);
    m_formError->hide();
    m_apply = new QPushButton(frame);
    m_apply->setObjectName(u"mapApply"_s);
    m_osm = new QPushButton(frame);
    m_osm->setObjectName(u"mapUseOpenStreetMap"_s);
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addWidget(m_apply);
    buttons->addWidget(m_osm);
    buttons->addStretch(1);
    m_status = new WrappingLabel(frame);
    m_status->setObjectName(u"mapStatus"_s);
    m_status->hide();
    m_note = noteLabel(u"mapNote"_s, frame);

    QFormLayout *form = cardForm(frame);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(QString(), m_online);
    m_urlLabel = addRow(form, u"mapTileUrlLabel"_s, m_url);
    m_attributionLabel = addRow(form, u"mapAttributionLabel"_s, m_attribution);
    form->addRow(QString(), m_formError);
    form->addRow(buttons);
    form->addRow(m_status);
    form->addRow(m_note);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(section(m_heading, frame));

    m_online->setChecked(m_saved.onlineTiles);
    m_url->setText(m_saved.tileUrl);
    m_attribution->setText(m_saved.attribution);
    connect(m_online, &QCheckBox::toggled, this, &MapSection::updateState);
    connect(m_url, &QLineEdit::textChanged, this, &MapSection::updateState);
    connect(m_attribution, &QLineEdit::textChanged, this, &MapSection::updateState);
    connect(m_apply, &QPushButton::clicked, this, &MapSection::apply);
    connect(m_osm, &QPushButton::clicked, this, [this] {
        m_url->setText(MapSettings::kOpenStreetMapUrl);
        m_attribution->setText(MapSettings::kOpenStreetMapAttribution);
    });
    retranslateUi();
}

MapSettings MapSection::formSettings() const
{
    MapSettings s = m_saved;
    s.onlineTiles = m_online->isChecked();
    s.tileUrl = m_url->text().trimmed();
    s.attribution = m_attribution->text().trimmed();
    return s;
}

bool MapSection::apply()
{
    const MapSettings s = formSettings();
    if (const QString problem = s.validationError(); !problem.isEmpty()) {
        m_status->setText(problem);
        m_status->show();
        return false;
    }
    QSettings stored = appSettings();
    s.save(stored);
    m_saved = s;
    m_status->setText(s.onlineTiles ? tr("Saved. The map loads its tiles from %1.").arg(QUrl(s.tileUrl).host())
                                    : tr("Saved. The map shows the offline basemap."));
    m_status->show();
    updateState();
    emit mapSettingsApplied(s);
    return true;
}

void MapSection::updateState()
{
    const bool online = m_online->isChecked();
    for (QWidget *w : std::initializer_list<QWidget *>{m_url, m_attribution, m_osm})
        w->setEnabled(online);
    const QString problem = formSettings().validationError();
    m_formError->setText(problem);
    m_formError->setVisible(!problem.isEmpty());
    m_apply->setEnabled(problem.isEmpty());
}

void MapSection::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void MapSection::retranslateUi()
{
    m_heading->setText(tr("Map"));
    m_online->setText(tr("Load online map tiles"));
    m_urlLabel->setText(tr("Tile address:"));
    m_attributionLabel->setText(tr("Attribution:"));
    m_apply->setText(tr("Apply"));
    m_osm->setText(tr("Use OpenStreetMap"));
    m_note->setText(tr("Without online tiles the map draws the countries and coastlines shipped with ChargeDesk and "
                       "needs no network. Online tiles show streets; they are kept in a cache on this computer "
                       "(%1) and the map credits their source as the licence asks. OpenStreetMap's tile servers are "
                       "for light use: a network with many consoles should use its own or a commercial tile server.")
                        .arg(m_saved.effectiveCacheDirectory()));
    updateState();
}

}  // namespace cd::ui
