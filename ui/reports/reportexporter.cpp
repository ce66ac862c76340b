#include "ui/reports/reportexporter.h"

#include "core/common/clock.h"
#include "core/reports/exportjob.h"
#include "core/reports/pdf/reportwriters.h"
#include "core/reports/reportcatalog.h"
#include "core/storage/queryrunner.h"

#include <QLocale>
#include <QProgressDialog>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cd::ui {

using namespace reports;

ReportExporter::ReportExporter(std::shared_ptr<storage::Database> db, access::Actor actor, QWidget *dialogParent)
    : QObject(dialogParent),
      m_jobs(std::make_unique<storage::QueryRunner>(std::move(db))),
      m_actor(std::move(actor)),
      m_dialogParent(dialogParent)
{
}

ReportExporter::~ReportExporter()
{
    // A running export stops at its next row; the worker goes before this object does.
    if (m_cancel)
        *m_cancel = true;
    m_jobs.reset();
}

bool ReportExporter::start(const QString &report, const QString &title, const QString &parametersJson,
                           const QString &path, ReportFormat format)
{
    if (m_running)
        return false;
    m_running = true;
    m_percent = 0;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    if (!m_dialog) {
        m_dialog = new QProgressDialog(m_dialogParent);
        m_dialog->setObjectName(u"reportExportProgress"_s);
        m_dialog->setWindowModality(Qt::WindowModal);
        m_dialog->setAutoClose(false);
        m_dialog->setAutoReset(false);
        m_dialog->setMinimumDuration(0);
        m_dialog->setRange(0, 100);
        m_dialog->setMinimumWidth(420);
        connect(m_dialog, &QProgressDialog::canceled, this, &ReportExporter::cancel);
    }
    //: %1 the report's title
    m_dialog->setWindowTitle(tr("Exporting %1").arg(title));
    m_dialog->setCancelButtonText(tr("Cancel"));
    m_dialog->setValue(0);
    m_dialog->setLabelText(tr("Opening the report…"));
    m_dialog->show();

    struct Outcome {
        bool ok = false;
        ExportResult result;
        QString message;
    };
    QPointer<ReportExporter> self(this);
    m_jobs->run<Outcome>(
        this,
        [self, report, parametersJson, path, format, cancel = m_cancel, hook = m_hook,
         by = m_actor](const std::shared_ptr<storage::Database> &db) {
            Outcome out;
            auto table = ReportCatalog::open(*db, report, parametersJson);
            if (!table) {
                out.message = table.error().message;
                return out;
            }
            std::unique_ptr<ReportWriter> writer = reportWriterFor(format);
            if (!writer) {
                out.message = ReportFormatText::unknownFormatMessage(ReportFormatText::name(format));
                return out;
            }
            ExportOptions options;
            options.path = path;
            options.format = format;
            options.actor = by;
            // On the worker: the GUI hears of it through a queued call.
            const ExportProgress progress = [self, hook, cancel](qint64 done, qint64 total) {
                if (hook && hook(done, total))
                    *cancel = true;
                if (self)
                    QMetaObject::invokeMethod(self.data(), [self, done, total] {
                        if (self)
                            self->showProgress(done, total);
                    }, Qt::QueuedConnection);
            };
            auto result = ExportJob(*db, Clock::system()).run(*table, *writer, options, progress, cancel.get());
            if (!result) {
                out.message = result.error().message;
                return out;
            }
            out.ok = true;
            out.result = *result;
            return out;
        },
        [this](Outcome out) {
            m_running = false;
            if (out.ok && out.result.rows == 0)
                m_percent = 100;
            m_dialog->hide();
            emit finished(out.ok, out.result.exportId, out.result.path, out.result.rows, out.message);
        });
    return true;
}

void ReportExporter::cancel()
{
    if (m_cancel)
        *m_cancel = true;
    if (m_dialog && m_running)
        m_dialog->setLabelText(tr("Cancelling…"));
}

void ReportExporter::showProgress(qint64 done, qint64 total)
{
    if (!m_running)
        return;
    const int percent = total > 0 ? int(std::min<qint64>(100, done * 100 / total)) : 100;
    m_percent = std::max(m_percent, percent);
    if (m_cancel && !*m_cancel) {
        const QLocale locale;
        //: %1 rows written so far, %2 rows in the report, %3 the percentage
        m_dialog->setLabelText(tr("%1 of %2 rows written (%3 %)")
                                   .arg(locale.toString(done), locale.toString(total), locale.toString(percent)));
    }
    emit progressed(done, total);
    m_dialog->setValue(percent);  // a modal progress dialog processes events here
}

}  // namespace cd::ui
