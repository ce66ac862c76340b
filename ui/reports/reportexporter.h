#pragma once
// One export at a time from the Reports screen: the report opened again with the parameters shown
// (so the file holds every row, not just the fetched pages), streamed by ExportJob into the file on
// a worker thread of its own (with its own connection, so the screen keeps browsing meanwhile),
// with a progress dialog (rows done of total, percent) whose Cancel sets the job's cancel flag.
// The core writes FILE.part and renames it at the end: a cancelled or failed export leaves nothing.
// The same worker runs the other long reads of the screen (what changed since an export).

#include "core/access/actor.h"
#include "core/reports/reportwriter.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>

class QProgressDialog;
class QWidget;

namespace cd::storage {
class Database;
class QueryRunner;
}  // namespace cd::storage

namespace cd::ui {

class ReportExporter : public QObject {
    Q_OBJECT
public:
    // Called on the worker after every page with (rows done, total); true cancels (tests).
    using WorkerHook = std::function<bool(qint64 done, qint64 total)>;

    ReportExporter(std::shared_ptr<storage::Database> db, access::Actor actor, QWidget *dialogParent);
    ~ReportExporter() override;

    // False when an export is running already.
    bool start(const QString &report, const QString &title, const QString &parametersJson, const QString &path,
               reports::ReportFormat format);
    bool isRunning() const { return m_running; }
    void cancel();
    void setWorkerHook(WorkerHook hook) { m_hook = std::move(hook); }
    QProgressDialog *progressDialog() const { return m_dialog; }
    // The highest percentage the job reported for the last export.
    int lastPercent() const { return m_percent; }
    storage::QueryRunner &jobs() const { return *m_jobs; }

signals:
    void progressed(qint64 done, qint64 total);
    void finished(bool ok, qint64 exportId, const QString &path, qint64 rows, const QString &message);

private:
    void showProgress(qint64 done, qint64 total);

    std::unique_ptr<storage::QueryRunner> m_jobs;
    access::Actor m_actor;
    QPointer<QWidget> m_dialogParent;
    QProgressDialog *m_dialog = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    WorkerHook m_hook;
    bool m_running = false;
    int m_percent = 0;
};

}  // namespace cd::ui
