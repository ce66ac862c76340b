#pragma once
// Accounts › Tariffs: the tariffs by scope (global default, site, station, department group price)
// with their versions, and the editor (TariffEditor). Editing a tariff and saving makes a new
// version of it, valid from the time given (core/billing/tariffrepository.h: versioned, audited);
// New tariff starts a new chain. Reads and saves on the screen's worker.

#include "core/billing/tariff.h"
#include "core/billing/placechoices.h"
#include "ui/accounts/accountscontext.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;

namespace cd::ui {

class TariffEditor;
class TextTableModel;

class TariffsTab : public QWidget {
    Q_OBJECT
public:
    explicit TariffsTab(const AccountsContext &context, QWidget *parent = nullptr);
    ~TariffsTab() override;

    TextTableModel *model() const { return m_model; }
    TariffEditor *editor() const { return m_editor; }
    QString statusText() const;
    const QList<billing::Tariff> &tariffs() const { return m_rows; }

    void refresh();
    bool selectTariff(qint64 tariffId);  // and edits it
    void newTariff();
    // Saves what the editor holds (refused while it has problems); actionFinished() follows.
    void save();

    void retranslateUi();

signals:
    void loaded(int tariffCount);
    void actionFinished(bool ok, const QString &message);

private:
    void showRows();
    void updateButtons();

    AccountsContext m_context;
    QList<billing::Tariff> m_rows;
    billing::PlaceChoices m_choices;  // names for the scope column and the editor
    qint64 m_selectAfterLoad = 0;

    QLabel *m_listTitle = nullptr;
    QCheckBox *m_history = nullptr;
    TextTableModel *m_model = nullptr;
    QTableView *m_list = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_save = nullptr;
    QLabel *m_status = nullptr;
    TariffEditor *m_editor = nullptr;
};

}  // namespace cd::ui
