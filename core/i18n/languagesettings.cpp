#include "core/i18n/languagesettings.h"

#include "core/common/appsettings.h"
#include "core/i18n/language.h"

#include <QLocale>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace cd::i18n {
namespace {

QString languageKey()
{
    return u"ui/language"_s;
}

}  // namespace

QString savedLanguage()
{
    return normalizedLanguageCode(appSettings().value(languageKey()).toString());
}

void saveLanguage(const QString &code)
{
    const QString normalized = normalizedLanguageCode(code);
    if (normalized.isEmpty())
        return;
    QSettings settings = appSettings();
    settings.setValue(languageKey(), normalized);
    settings.sync();
}

QString startupLanguage(const QString &commandLineCode)
{
    if (const QString fromCommandLine = normalizedLanguageCode(commandLineCode); !fromCommandLine.isEmpty())
        return fromCommandLine;
    if (const QString saved = savedLanguage(); !saved.isEmpty())
        return saved;
    return languageForLocale(QLocale::system());
}

}  // namespace cd::i18n
