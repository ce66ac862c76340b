#pragma once
// Installs ChargeDesk's translation and Qt's own (qtbase) for one language on the
// application, and swaps both when the language changes at runtime. Installing or
// removing a translator makes Qt send QEvent::LanguageChange to every widget.

#include <QObject>
#include <QPointer>
#include <QString>

#include <QCoreApplication>

#include <memory>

class QTranslator;

namespace cd::i18n {

class TranslationManager : public QObject {
    Q_OBJECT
public:
    // Installs nothing yet; call setLanguage(). `app` must outlive the manager.
    explicit TranslationManager(QCoreApplication *app, QObject *parent = nullptr);
    ~TranslationManager() override;

    // Switches to `code` (normalised through normalizedLanguageCode). Returns false and
    // changes nothing when the code is not supported or ChargeDesk's catalogue for it
    // cannot be loaded. Also makes the language's locale the default QLocale.
    // Does not remember the choice: see saveLanguage().
    bool setLanguage(const QString &code);

    // The active language code; empty before the first successful setLanguage().
    QString language() const { return m_language; }

    // ":/i18n/chargedesk_<code>.qm"
    static QString catalogPath(const QString &code);

Q_SIGNALS:
    void languageChanged(const QString &code);

private:
    void removeInstalled();

    QPointer<QCoreApplication> m_app;
    QString m_language;
    std::unique_ptr<QTranslator> m_appTranslator;
    std::unique_ptr<QTranslator> m_qtTranslator;
};

}  // namespace cd::i18n
