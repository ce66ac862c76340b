#include "core/commands/transferprogress.h"

#include <QStringList>

namespace cd::commands {

QString progressEventKind(const QString &action)
{
    if (action == u"UpdateFirmware")
        return QStringLiteral("firmware_status");
    if (action == u"GetDiagnostics")
        return QStringLiteral("diagnostics_status");
    if (action == u"GetLog")
        return QStringLiteral("log_status");
    return {};
}

TransferProgress transferProgress(const QString &action, const QString &status)
{
    if (action == u"UpdateFirmware") {
        // 1.6: Downloading, Downloaded, Installing, Installed; 2.0.1 adds scheduling, signature
        // checks and the reboot.
        static const QStringList steps = {QStringLiteral("DownloadScheduled"), QStringLiteral("Downloading"),
                                          QStringLiteral("Downloaded"),        QStringLiteral("SignatureVerified"),
                                          QStringLiteral("InstallScheduled"),  QStringLiteral("Installing"),
                                          QStringLiteral("InstallRebooting"),  QStringLiteral("Installed")};
        static const QStringList failures = {QStringLiteral("DownloadFailed"), QStringLiteral("InstallationFailed"),
                                             QStringLiteral("InstallVerificationFailed"), QStringLiteral("InvalidSignature")};
        TransferProgress p{0, int(steps.size()), false, false};
        if (failures.contains(status)) {
            p.finished = p.failed = true;
            return p;
        }
        if (status == u"DownloadPaused")
            p.step = 1;
        else
            p.step = int(steps.indexOf(status)) + 1;  // 0 when unknown (Idle)
        p.finished = status == u"Installed";
        return p;
    }
    if (action == u"GetDiagnostics" || action == u"GetLog") {
        static const QStringList failures = {QStringLiteral("UploadFailed"),          QStringLiteral("UploadFailure"),
                                             QStringLiteral("BadMessage"),            QStringLiteral("NotSupportedOperation"),
                                             QStringLiteral("PermissionDenied"),      QStringLiteral("AcceptedCanceled")};
        TransferProgress p{0, 2, false, false};
        if (failures.contains(status)) {
            p.finished = p.failed = true;
            return p;
        }
        if (status == u"Uploading")
            p.step = 1;
        if (status == u"Uploaded") {
            p.step = 2;
            p.finished = true;
        }
        return p;
    }
    return {};
}

}  // namespace cd::commands
