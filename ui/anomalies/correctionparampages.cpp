#include "ui/anomalies/correctionparampages.h"

#include "core/anomalies/correctionservice.h"
#include "ui/anomalies/correctionwizard.h"
#include "ui/widgets/moneytext.h"
#include "ui/widgets/style.h"
#include "ui/widgets/timetext.h"
#include "ui/widgets/wrappinglabel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {
constexpr int kMaxEnergyWh = 100'000'000;  // 100 MWh: the engine's limit

QString dayText(qint64 ms)
{
    return millisecondText(ms).left(16);  // "2019-09-13 08:00"
}
}  // namespace

// --- energy ------------------------------------------------------------------------------------

CorrectionEnergyPage::CorrectionEnergyPage(CorrectionWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(u"correctionEnergyPage"_s);
    setTitle(tr("Enter the energy"));
    setSubTitle(tr("For example from the station's display or a photo of it. It is spread evenly over the charging time."));
    auto *layout = new QFormLayout(this);
    m_energy = new QSpinBox(this);
    m_energy->setObjectName(u"correctionEnergy"_s);
    m_energy->setRange(0, kMaxEnergyWh);
    m_energy->setGroupSeparatorShown(true);
    //: unit after an energy in watt-hours
    m_energy->setSuffix(tr(" Wh"));
    layout->addRow(tr("Energy"), m_energy);
    auto *hint = new WrappingLabel(this);
    hint->setText(tr("1 kWh = 1,000 Wh."));
    style::makeMuted(hint);
    layout->addRow(QString(), hint);
}

void CorrectionEnergyPage::initializePage()
{
    if (m_wizard->params().energyWh)
        m_energy->setValue(int(*m_wizard->params().energyWh));
}

bool CorrectionEnergyPage::validatePage()
{
    m_wizard->params().energyWh = m_energy->value();
    return true;
}

int CorrectionEnergyPage::nextId() const
{
    return CorrectionWizard::PreviewPage;
}

// --- tariff ------------------------------------------------------------------------------------

CorrectionTariffPage::CorrectionTariffPage(CorrectionWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(u"correctionTariffPage"_s);
    setTitle(tr("Choose the tariff"));
    setSubTitle(tr("A bill is normally computed with the tariff that was valid when the session ran. Choose another "
                   "version only when that one was wrong."));
    auto *layout = new QFormLayout(this);
    m_tariffs = new QComboBox(this);
    m_tariffs->setObjectName(u"correctionTariff"_s);
    m_tariffs->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_tariffs->setMinimumContentsLength(40);
    layout->addRow(tr("Tariff"), m_tariffs);
    m_state = new WrappingLabel(this);
    m_state->setObjectName(u"correctionTariffState"_s);
    style::makeMuted(m_state);
    layout->addRow(QString(), m_state);
}

void CorrectionTariffPage::initializePage()
{
    if (m_loaded)
        return;
    m_tariffs->clear();
    m_tariffs->addItem(tr("The tariff valid when the session ran"), QVariant());
    m_state->setText(tr("Reading the tariffs…"));
    m_wizard->service()->tariffs(this, [this](Expected<QList<billing::Tariff>> found) {
        m_loaded = true;
        if (!found) {
            m_state->setText(found.error().message);
        } else {
            for (const billing::Tariff &t : std::as_const(*found)) {
                //: a tariff version in a list: name, version, currency, from when
                m_tariffs->addItem(tr("%1 — version %2, %3, from %4")
                                       .arg(t.name)
                                       .arg(t.version)
                                       .arg(t.currency, dayText(t.validFromMs)),
                                   t.id);
            }
            m_state->setText(tr("%n tariff version(s).", nullptr, int(found->size())));
        }
        emit completeChanged();
        emit loaded();
    });
}

bool CorrectionTariffPage::isComplete() const
{
    return m_loaded;
}

bool CorrectionTariffPage::validatePage()
{
    const QVariant id = m_tariffs->currentData();
    m_wizard->params().tariffId = id.isValid() ? std::optional<qint64>(id.toLongLong()) : std::nullopt;
    return true;
}

int CorrectionTariffPage::nextId() const
{
    return CorrectionWizard::PreviewPage;
}

// --- revert ------------------------------------------------------------------------------------

CorrectionRevertPage::CorrectionRevertPage(CorrectionWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(u"correctionRevertPage"_s);
    setTitle(tr("Choose the version to go back to"));
    setSubTitle(tr("A new version with that version's numbers is written; every version stays in the history."));
    auto *layout = new QFormLayout(this);
    m_versions = new QComboBox(this);
    m_versions->setObjectName(u"correctionVersion"_s);
    m_versions->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_versions->setMinimumContentsLength(40);
    layout->addRow(tr("Version"), m_versions);
    m_state = new WrappingLabel(this);
    m_state->setObjectName(u"correctionVersionState"_s);
    style::makeMuted(m_state);
    layout->addRow(QString(), m_state);
    connect(m_versions, &QComboBox::currentIndexChanged, this, &QWizardPage::completeChanged);
}

void CorrectionRevertPage::initializePage()
{
    m_versions->clear();
    m_state->setText(tr("Reading the versions…"));
    const qint64 billId = m_wizard->billIds().value(0);
    m_wizard->service()->versions(billId, this, [this](Expected<QList<anomalies::BillLines>> found) {
        if (!found) {
            m_state->setText(found.error().message);
        } else {
            // The newest is the one being corrected; the older ones can come back.
            for (int i = int(found->size()) - 2; i >= 0; --i) {
                const anomalies::BillLines &v = found->at(i);
                //: an earlier version of a bill: version, total, who made it, when
                m_versions->addItem(tr("Version %1 — %2, by %3, %4")
                                        .arg(v.version)
                                        .arg(amountText(v.totalMinor, v.currency), v.createdBy, dayText(v.createdMs)),
                                    v.billId);
            }
            m_state->setText(m_versions->count() == 0 ? tr("This bill has no earlier version.") : QString());
        }
        emit completeChanged();
        emit loaded();
    });
}

bool CorrectionRevertPage::isComplete() const
{
    return m_versions->currentIndex() >= 0;
}

bool CorrectionRevertPage::validatePage()
{
    m_wizard->params().toBillId = m_versions->currentData().toLongLong();
    return true;
}

int CorrectionRevertPage::nextId() const
{
    return CorrectionWizard::PreviewPage;
}

}  // namespace cd::ui
