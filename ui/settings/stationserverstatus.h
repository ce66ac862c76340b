#pragma once
// How the console's station server is doing, in the operator's words: one line for the status
// bar and the Settings screen.

#include <QCoreApplication>
#include <QString>

namespace cd::runtime {
class StationServerControl;
}

namespace cd::ui {

class StationServerStatus {
    Q_DECLARE_TR_FUNCTIONS(cd::ui::StationServerStatus)
public:
    // "Station server: ws://127.0.0.1:9000/ocpp · 10 stations connected", "...: stopped", ...
    static QString statusBarText(const runtime::StationServerControl &control);
    // The same in a sentence for the Settings screen.
    static QString detailText(const runtime::StationServerControl &control);
    // Whether the status is a problem the operator should notice (shown in the error colour).
    static bool isProblem(const runtime::StationServerControl &control);
};

}  // namespace cd::ui
