#pragma once
// The languages ChargeDesk ships translations for, and how a locale maps onto them.

#include <QList>
#include <QLocale>
#include <QString>
#include <QStringView>

namespace cd::i18n {

struct Language {
    QString code;        // "en", "uk", "ru", "zh_CN": the suffix of chargedesk_<code>.qm
    QString nativeName;  // the language's name in itself: "Українська"
    QLocale locale;      // number and date formatting while this language is active
};

// The supported languages, English first; this order is the order shown to the user.
const QList<Language> &supportedLanguages();

// The language used when nothing else applies.
QString defaultLanguageCode();

// The supported code matching `code`, or an empty string. Accepts the exact codes and
// common spellings: "uk_UA", "ru-RU", "zh", "zh-CN", "zh_Hans_CN", "EN".
QString normalizedLanguageCode(QStringView code);

bool isSupportedLanguage(QStringView code);

// The supported language closest to `locale` (its UI languages in order), else English.
QString languageForLocale(const QLocale &locale);

// The supported language for `code`; English when the code is not supported.
const Language &language(QStringView code);

}  // namespace cd::i18n
