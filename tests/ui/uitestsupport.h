#pragma once
// Shared fixtures for the widget tests.

#include "core/i18n/translationmanager.h"
#include "ui/shell/appearance.h"
#include "ui/shell/consolecontext.h"

#include <QApplication>
#include <QDir>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QString>

#include <memory>

namespace cd::test {

// What a typical single-desktop installation shows: SQLCipher file, key in the keychain.
inline ui::ConsoleContext sampleConsoleContext()
{
    ui::ConsoleContext context;
    context.engine = QStringLiteral("SQLCipher 3.4.1");
    context.location = QStringLiteral("/home/operator/.local/share/ChargeDesk/chargedesk.db");
    context.schemaVersion = 2;
    context.keySource = ui::ConsoleContext::KeySource::Keychain;
    return context;
}

// The console's settings of a widget test: in the test location, and empty at the start and end.
// Each test process has settings of its own (widget tests run in parallel and clear them).
inline void clearConsoleSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       QDir::temp().filePath(QStringLiteral("chargedesk-widget-test-%1").arg(QCoreApplication::applicationPid())));
    QSettings(QStringLiteral("ChargeDesk"), QStringLiteral("ChargeDesk")).clear();
}

// What every widget test on the console starts from: empty settings, the console's look, the
// English catalogue and a US English locale (the texts and numbers the tests compare).
// nullptr when the English catalogue cannot be loaded.
inline std::unique_ptr<i18n::TranslationManager> startConsoleTest()
{
    clearConsoleSettings();
    ui::applyAppearance(*qApp);
    auto translations = std::make_unique<i18n::TranslationManager>(qApp);
    if (!translations->setLanguage(QStringLiteral("en")))
        return nullptr;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    return translations;
}

}  // namespace cd::test
