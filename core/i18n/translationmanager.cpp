#include "core/i18n/translationmanager.h"

#include "core/i18n/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace cd::i18n {

TranslationManager::TranslationManager(QCoreApplication *app, QObject *parent)
    : QObject(parent), m_app(app)
{
}

TranslationManager::~TranslationManager()
{
    removeInstalled();
}

QString TranslationManager::catalogPath(const QString &code)
{
    return u":/i18n/chargedesk_"_s + code + u".qm"_s;
}

bool TranslationManager::setLanguage(const QString &code)
{
    const QString normalized = normalizedLanguageCode(code);
    if (normalized.isEmpty())
        return false;
    if (normalized == m_language)
        return true;

    auto appTranslator = std::make_unique<QTranslator>();
    if (!appTranslator->load(catalogPath(normalized)))
        return false;

    // Qt's own strings (standard buttons, context menus). Optional: a Qt installation
    // without qttranslations still gets ChargeDesk's own texts.
    auto qtTranslator = std::make_unique<QTranslator>();
    const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (!qtTranslator->load(u"qtbase_"_s + normalized, qtDir))
        qtTranslator.reset();

    removeInstalled();
    // The most recently installed translator is asked first; ours wins over Qt's.
    if (qtTranslator) {
        m_app->installTranslator(qtTranslator.get());
        m_qtTranslator = std::move(qtTranslator);
    }
    m_app->installTranslator(appTranslator.get());
    m_appTranslator = std::move(appTranslator);

    m_language = normalized;
    QLocale::setDefault(cd::i18n::language(normalized).locale);
    Q_EMIT languageChanged(m_language);
    return true;
}

void TranslationManager::removeInstalled()
{
    if (!m_app) {  // the application is already gone; so are its translator lists
        m_appTranslator.reset();
        m_qtTranslator.reset();
        return;
    }
    if (m_appTranslator) {
        m_app->removeTranslator(m_appTranslator.get());
        m_appTranslator.reset();
    }
    if (m_qtTranslator) {
        m_app->removeTranslator(m_qtTranslator.get());
        m_qtTranslator.reset();
    }
}

}  // namespace cd::i18n
