#pragma once
// Settings: the interface language (switched at runtime and remembered), the console's own
// station server, the payment gateway, alerts, the map's tiles, and, read-only, the database this console runs on.

#include "ui/shell/consolecontext.h"

#include <QWidget>

class QComboBox;
class QScrollArea;
class QFormLayout;
class QFrame;
class QLabel;
class QLineEdit;

namespace cd::i18n {
class TranslationManager;
}
namespace cd::runtime {
class StationServerControl;
}

namespace cd::ui {

class MapSection;
class PageHeader;
class PaymentsSection;
class StationServerSection;

class SettingsPage : public QWidget {
    Q_OBJECT
public:
    // `translations` may be null (the language combo is then disabled); `stationServer` may be
    // null (no station server section). Neither is owned.
    SettingsPage(ConsoleContext context, i18n::TranslationManager *translations,
                 runtime::StationServerControl *stationServer = nullptr, QWidget *parent = nullptr);

    MapSection *mapSection() const { return m_mapSection; }
    // Without the "change settings" permission: the station server, payments, alerts and map
    // sections are shown but cannot be changed (the interface language stays the operator's own).
    void setEditable(bool editable);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    QWidget *createLanguageSection();
    QWidget *createDatabaseSection();
    void retranslateUi();
    // Texts changed (language, live status) while the page was hidden: the scroll area sizes its
    // content again for the lines they take now.
    void relayoutScrolled();
    void selectLanguage(int comboIndex);
    void syncLanguageCombo();
    QString keySourceText() const;

    ConsoleContext m_context;
    i18n::TranslationManager *m_translations;

    PageHeader *m_header = nullptr;
    QScrollArea *m_scroll = nullptr;

    QLabel *m_languageHeading = nullptr;
    QLabel *m_languageLabel = nullptr;
    QComboBox *m_languageCombo = nullptr;
    QLabel *m_languageNote = nullptr;

    StationServerSection *m_stationServerSection = nullptr;
    PaymentsSection *m_paymentsSection = nullptr;
    MapSection *m_mapSection = nullptr;
    QWidget *m_alertsSection = nullptr;
    QLabel *m_readOnlyNote = nullptr;

    QLabel *m_databaseHeading = nullptr;
    QLabel *m_engineLabel = nullptr;
    QLabel *m_locationLabel = nullptr;
    QLabel *m_schemaVersionLabel = nullptr;
    QLabel *m_keySourceLabel = nullptr;
    QLabel *m_engine = nullptr;
    QLineEdit *m_location = nullptr;
    QLabel *m_schemaVersion = nullptr;
    QLabel *m_keySource = nullptr;
    QLabel *m_databaseNote = nullptr;
};

}  // namespace cd::ui
