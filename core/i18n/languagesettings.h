#pragma once
// Where the chosen language is remembered: QSettings, organisation and application
// "ChargeDesk", key "ui/language".

#include <QString>

namespace cd::i18n {

// The remembered language, normalised; empty when none is remembered or it is unsupported.
QString savedLanguage();

// Remembers `code` (normalised) for the next start. Unsupported codes are ignored.
void saveLanguage(const QString &code);

// The language to start in: `commandLineCode` (from --lang) when it is supported,
// else the remembered one, else the one closest to the system locale, else English.
QString startupLanguage(const QString &commandLineCode = {});

}  // namespace cd::i18n
