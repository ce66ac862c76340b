#include "core/i18n/language.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace cd::i18n {

const QList<Language> &supportedLanguages()
{
    static const QList<Language> languages = {
        {u"en"_s, u"English"_s, QLocale(QLocale::English, QLocale::UnitedStates)},
        {u"uk"_s, u"Українська"_s, QLocale(QLocale::Ukrainian, QLocale::Ukraine)},
        {u"ru"_s, u"Русский"_s, QLocale(QLocale::Russian, QLocale::Russia)},
        {u"zh_CN"_s, u"简体中文"_s, QLocale(QLocale::Chinese, QLocale::SimplifiedHanScript, QLocale::China)},
    };
    return languages;
}

QString defaultLanguageCode()
{
    return u"en"_s;
}

QString normalizedLanguageCode(QStringView code)
{
    const QString trimmed = code.trimmed().toString();
    if (trimmed.isEmpty())
        return {};
    for (const Language &lang : supportedLanguages()) {
        if (trimmed.compare(lang.code, Qt::CaseInsensitive) == 0)
            return lang.code;
    }
    // "uk-UA", "ru_RU.UTF-8", "zh-Hans-CN": let QLocale parse what it can.
    QString cleaned = trimmed;
    const qsizetype dot = cleaned.indexOf(u'.');
    if (dot >= 0)
        cleaned.truncate(dot);
    cleaned.replace(u'-', u'_');
    const QLocale locale(cleaned);
    if (locale.language() == QLocale::C)
        return {};
    switch (locale.language()) {
    case QLocale::English:
        return u"en"_s;
    case QLocale::Ukrainian:
        return u"uk"_s;
    case QLocale::Russian:
        return u"ru"_s;
    case QLocale::Chinese:
        // Only Simplified Chinese is shipped; Traditional-script locales are not mapped to it.
        if (locale.script() == QLocale::TraditionalHanScript)
            return {};
        return u"zh_CN"_s;
    default:
        return {};
    }
}

bool isSupportedLanguage(QStringView code)
{
    return !normalizedLanguageCode(code).isEmpty();
}

QString languageForLocale(const QLocale &locale)
{
    const QStringList uiLanguages = locale.uiLanguages();
    for (const QString &candidate : uiLanguages) {
        const QString code = normalizedLanguageCode(candidate);
        if (!code.isEmpty())
            return code;
    }
    const QString code = normalizedLanguageCode(locale.name());
    return code.isEmpty() ? defaultLanguageCode() : code;
}

const Language &language(QStringView code)
{
    const QString normalized = normalizedLanguageCode(code);
    const QList<Language> &languages = supportedLanguages();
    for (const Language &lang : languages) {
        if (lang.code == normalized)
            return lang;
    }
    return languages.front();
}

}  // namespace cd::i18n
