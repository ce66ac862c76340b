#pragma once
// Reports › Exports: the exports made so far (newest first, a page at a time: Show older), and for
// the selected one "What changed since…": the report run again now with the export's parameters,
// compared row by row with what the file contained (added, removed, changed rows, the row as it is
// now) and the totals then and now. Corrections made after a report was sent show here, they never
// silently change what was sent.

#include "core/reports/reportchanges.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTableView;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class TextTableModel;

class ReportExportsTab : public QWidget {
    Q_OBJECT
public:
    // `list` reads the exports; `jobs` runs the comparison (it reads the whole report).
    ReportExportsTab(storage::QueryRunner &list, storage::QueryRunner &jobs, QWidget *parent = nullptr);

    TextTableModel *exportsModel() const { return m_model; }
    TextTableModel *changesModel() const { return m_changesModel; }
    const QList<reports::ReportExport> &exports() const { return m_rows; }
    std::optional<reports::ReportChanges> changes() const { return m_changes; }
    QString changesText() const;
    QString totalsText() const;

    void refresh();
    bool showOlder();
    bool selectExport(qint64 id);
    qint64 selectedExport() const;
    // "What changed since…" for the selected export; false when none is selected.
    bool showChanges();

    void retranslateUi();

signals:
    void loaded(int count);
    void changesShown(int count);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showRows();
    void showChangeRows();

    storage::QueryRunner &m_list;
    storage::QueryRunner &m_jobs;
    QList<reports::ReportExport> m_rows;
    bool m_hasOlder = false;
    int m_generation = 0;
    int m_changesGeneration = 0;
    std::optional<reports::ReportChanges> m_changes;
    QString m_error;

    QLabel *m_listTitle = nullptr;
    TextTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_changesButton = nullptr;
    QPushButton *m_olderButton = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QLabel *m_changesTitle = nullptr;
    QLabel *m_totals = nullptr;
    TextTableModel *m_changesModel = nullptr;
    QTableView *m_changesView = nullptr;
};

}  // namespace cd::ui
