#pragma once
// The --lang option every executable shares.

#include <QCommandLineOption>
#include <QString>
#include <QStringList>

namespace cd::i18n {

// "--lang <code>", with a translated description listing the supported codes.
QCommandLineOption languageOption();

// The value of --lang (or --lang=code) in raw `arguments`, or an empty string. Read
// before QCommandLineParser runs, so that --help is already in the requested language.
QString languageArgument(const QStringList &arguments);

// "Unknown language "xx". Supported: en, uk, ru, zh_CN."
QString unsupportedLanguageMessage(const QString &code);

}  // namespace cd::i18n
