#include "ui/settings/settingspage.h"

#include "core/i18n/language.h"
#include "core/i18n/languagesettings.h"
#include "core/i18n/translationmanager.h"
#include "ui/settings/alertssection.h"
#include "ui/settings/mapsection.h"
#include "ui/settings/paymentssection.h"
#include "ui/settings/settingsform.h"
#include "ui/settings/stationserversection.h"
#include "ui/shell/screen.h"
#include "ui/widgets/pageheader.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QCoreApplication>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace cd::ui {

using namespace settingsform;

namespace {

constexpr int contentMaximumWidth = 760;

}  // namespace

SettingsPage::SettingsPage(ConsoleContext context, i18n::TranslationManager *translations,
                           runtime::StationServerControl *stationServer, QWidget *parent)
    : QWidget(parent), m_context(std::move(context)), m_translations(translations)
{
    m_header = new PageHeader(this);

    // Taller than a small window in some languages: the sections scroll under the header.
    auto *scroll = m_scroll = new QScrollArea(this);
    scroll->setObjectName(u"settingsScroll"_s);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *scrolled = new QWidget(scroll);
    scrolled->setObjectName(u"settingsContent"_s);
    auto *column = new QWidget(scrolled);
    column->setMaximumWidth(contentMaximumWidth);
    column->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);  // up to the maximum
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->setSpacing(28);
    columnLayout->addWidget(createLanguageSection());
    if (stationServer) {
        m_stationServerSection = new StationServerSection(*stationServer, column);
        m_stationServerSection->setObjectName(u"stationServerSection"_s);
        columnLayout->addWidget(m_stationServerSection);
    }
    m_paymentsSection = new PaymentsSection(nullptr, column);
    m_paymentsSection->setObjectName(u"paymentsSection"_s);
    columnLayout->addWidget(m_paymentsSection);
    auto *alertsSection = new AlertsSection(column);
    m_alertsSection = alertsSection;
    alertsSection->setObjectName(u"alertsSection"_s);
    columnLayout->addWidget(alertsSection);
    m_mapSection = new MapSection(column);
    m_mapSection->setObjectName(u"mapSection"_s);
    columnLayout->addWidget(m_mapSection);
    columnLayout->addWidget(createDatabaseSection());

    // The column sits in a row with a stretch beside it, so the scroll area asks it how tall it
    // is for the width it really gets (at most contentMaximumWidth), not the viewport's.
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(column, 1, Qt::AlignTop);  // takes the width up to its maximum...
    row->addStretch(0);                       // ...the rest stays empty
    auto *scrolledLayout = new QVBoxLayout(scrolled);
    scrolledLayout->setContentsMargins(0, 0, 0, 0);
    scrolledLayout->addLayout(row);
    scrolledLayout->addStretch(1);
    scroll->setWidget(scrolled);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    m_readOnlyNote = noteLabel(u"settingsReadOnlyNote"_s, this);
    m_readOnlyNote->hide();
    layout->addWidget(m_readOnlyNote);
    layout->addSpacing(28);
    layout->addWidget(scroll, 1);

    if (m_translations) {
        connect(m_translations, &i18n::TranslationManager::languageChanged, this,
                &SettingsPage::syncLanguageCombo);
    }
    retranslateUi();
}

QWidget *SettingsPage::createLanguageSection()
{
    m_languageHeading = sectionHeading(u"languageHeading"_s, this);
    QFrame *card = settingsform::card(u"languageGroup"_s, this);

    m_languageCombo = new QComboBox(card);
    m_languageCombo->setObjectName(u"languageCombo"_s);
    m_languageCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_languageCombo->setMinimumWidth(200);
    for (const i18n::Language &language : i18n::supportedLanguages())
        m_languageCombo->addItem(language.nativeName, language.code);
    m_languageCombo->setEnabled(m_translations != nullptr);
    syncLanguageCombo();
    connect(m_languageCombo, &QComboBox::currentIndexChanged, this, &SettingsPage::selectLanguage);

    m_languageNote = noteLabel(u"languageNote"_s, card);

    QFormLayout *form = cardForm(card);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_languageLabel = addRow(form, u"languageLabel"_s, m_languageCombo);
    form->addRow(m_languageNote);
    return section(m_languageHeading, card);
}

QWidget *SettingsPage::createDatabaseSection()
{
    m_databaseHeading = sectionHeading(u"databaseHeading"_s, this);
    QFrame *card = settingsform::card(u"databaseGroup"_s, this);

    m_engine = valueLabel(u"databaseEngine"_s, card);
    m_engine->setText(m_context.engine);

    // A path or URL can be longer than any window: a read-only line that scrolls and
    // copies, instead of a label that would widen the layout or be cut.
    m_location = new QLineEdit(card);
    m_location->setObjectName(u"databaseLocation"_s);
    m_location->setReadOnly(true);
    m_location->setFrame(false);
    m_location->setText(m_context.location);
    m_location->setCursorPosition(0);
    m_location->setTextMargins(-2, 0, 0, 0);  // line up with the labels above and below

    m_schemaVersion = valueLabel(u"databaseSchemaVersion"_s, card);
    m_keySource = valueLabel(u"databaseKeySource"_s, card);
    m_databaseNote = noteLabel(u"databaseNote"_s, card);

    QFormLayout *form = cardForm(card);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_engineLabel = addRow(form, u"databaseEngineLabel"_s, m_engine);
    m_locationLabel = addRow(form, u"databaseLocationLabel"_s, m_location);
    m_schemaVersionLabel = addRow(form, u"databaseSchemaVersionLabel"_s, m_schemaVersion);
    m_keySourceLabel = addRow(form, u"databaseKeySourceLabel"_s, m_keySource);
    form->addRow(m_databaseNote);
    return section(m_databaseHeading, card);
}

void SettingsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        relayoutScrolled();
    }
    QWidget::changeEvent(event);
}

void SettingsPage::showEvent(QShowEvent *event)
{
    relayoutScrolled();
    QWidget::showEvent(event);
}

void SettingsPage::relayoutScrolled()
{
    // QScrollArea sizes a resizable widget (height for its width) when it gets a LayoutRequest.
    QCoreApplication::postEvent(m_scroll, new QEvent(QEvent::LayoutRequest));
}

void SettingsPage::setEditable(bool editable)
{
    for (QWidget *section : {static_cast<QWidget *>(m_stationServerSection), static_cast<QWidget *>(m_paymentsSection),
                             m_alertsSection, static_cast<QWidget *>(m_mapSection)}) {
        if (section)
            section->setEnabled(editable);
    }
    m_readOnlyNote->setVisible(!editable);
}

void SettingsPage::retranslateUi()
{
    m_header->setTitle(Screens::title(Screen::Settings));
    //: %1 is the permission's name ("change settings")
    m_readOnlyNote->setText(tr("Read only: changing these settings needs the permission to %1. The interface language "
                               "is yours to choose.")
                                .arg(access::PermissionCatalog::title(access::Permission::SettingsEdit)));
    m_header->setDescription(Screens::description(Screen::Settings));

    m_languageHeading->setText(tr("Language"));
    m_languageLabel->setText(tr("Interface language:"));
    m_languageNote->setText(tr("The change applies at once and is remembered for the next start. "
                               "The --lang option overrides it for a single run."));

    m_databaseHeading->setText(tr("Database"));
    m_engineLabel->setText(tr("Engine:"));
    m_locationLabel->setText(tr("Location:"));
    m_schemaVersionLabel->setText(tr("Schema version:"));
    m_keySourceLabel->setText(tr("Key source:"));
    m_schemaVersion->setText(QLocale().toString(m_context.schemaVersion));
    m_keySource->setText(keySourceText());
    m_databaseNote->setText(tr("The database is chosen when ChargeDesk starts: run chargedesk --help "
                               "to see the options."));
}

QString SettingsPage::keySourceText() const
{
    switch (m_context.keySource) {
    case ConsoleContext::KeySource::NotApplicable:
        return tr("Not used: the PostgreSQL server controls access");
    case ConsoleContext::KeySource::Keychain:
        return tr("Operating system keychain");
    case ConsoleContext::KeySource::File:
        //: %1 is the path of the file that holds the database key
        return tr("Key file %1").arg(m_context.keySourceDetail);
    case ConsoleContext::KeySource::Environment:
        //: %1 is the name of the environment variable that holds the database key
        return tr("Environment variable %1").arg(m_context.keySourceDetail);
    }
    return {};
}

void SettingsPage::selectLanguage(int comboIndex)
{
    if (!m_translations || comboIndex < 0)
        return;
    const QString code = m_languageCombo->itemData(comboIndex).toString();
    if (m_translations->setLanguage(code))
        i18n::saveLanguage(code);
    else
        syncLanguageCombo();  // could not load it: show the language still in use
}

void SettingsPage::syncLanguageCombo()
{
    const QString current = m_translations ? m_translations->language() : QString();
    const int index = m_languageCombo->findData(current);
    const QSignalBlocker blocker(m_languageCombo);
    m_languageCombo->setCurrentIndex(index >= 0 ? index : 0);
}

}  // namespace cd::ui
