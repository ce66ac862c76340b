// cd::i18n: language codes, --lang, the embedded catalogues and the translator swap.

#include "core/i18n/language.h"
#include "core/i18n/languageoption.h"
#include "core/i18n/translationmanager.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestLanguages : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void supported();
    void normalized_data();
    void normalized();
    void forLocale_data();
    void forLocale();
    void languageArgument_data();
    void languageArgument();
    void catalogsAreEmbedded();
    void switchLanguage();
};

void TestLanguages::supported()
{
    const QList<cd::i18n::Language> &languages = cd::i18n::supportedLanguages();
    QCOMPARE(languages.size(), 4);
    QCOMPARE(languages.at(0).code, u"en"_s);
    QCOMPARE(languages.at(0).nativeName, u"English"_s);
    QCOMPARE(languages.at(1).code, u"uk"_s);
    QCOMPARE(languages.at(1).nativeName, u"Українська"_s);
    QCOMPARE(languages.at(2).code, u"ru"_s);
    QCOMPARE(languages.at(2).nativeName, u"Русский"_s);
    QCOMPARE(languages.at(3).code, u"zh_CN"_s);
    QCOMPARE(languages.at(3).nativeName, u"简体中文"_s);
    QCOMPARE(cd::i18n::defaultLanguageCode(), u"en"_s);
    QCOMPARE(cd::i18n::language(u"nope").code, u"en"_s);
}

void TestLanguages::normalized_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("en") << u"en"_s << u"en"_s;
    QTest::newRow("EN") << u"EN"_s << u"en"_s;
    QTest::newRow("en_GB") << u"en_GB"_s << u"en"_s;
    QTest::newRow("uk") << u"uk"_s << u"uk"_s;
    QTest::newRow("uk-UA") << u"uk-UA"_s << u"uk"_s;
    QTest::newRow("ru_RU.UTF-8") << u"ru_RU.UTF-8"_s << u"ru"_s;
    QTest::newRow("zh_CN") << u"zh_CN"_s << u"zh_CN"_s;
    QTest::newRow("zh_cn") << u"zh_cn"_s << u"zh_CN"_s;
    QTest::newRow("zh") << u"zh"_s << u"zh_CN"_s;
    QTest::newRow("zh-Hans-CN") << u"zh-Hans-CN"_s << u"zh_CN"_s;
    QTest::newRow("zh_TW is not Simplified") << u"zh_TW"_s << QString();
    QTest::newRow("zh-Hant") << u"zh-Hant"_s << QString();
    QTest::newRow("de") << u"de"_s << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("garbage") << u"--"_s << QString();
}

void TestLanguages::normalized()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(cd::i18n::normalizedLanguageCode(input), expected);
    QCOMPARE(cd::i18n::isSupportedLanguage(input), !expected.isEmpty());
}

void TestLanguages::forLocale_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("expected");
    QTest::newRow("uk_UA") << QLocale(u"uk_UA"_s) << u"uk"_s;
    QTest::newRow("ru_KZ") << QLocale(u"ru_KZ"_s) << u"ru"_s;
    QTest::newRow("zh_CN") << QLocale(u"zh_CN"_s) << u"zh_CN"_s;
    QTest::newRow("en_US") << QLocale(u"en_US"_s) << u"en"_s;
    QTest::newRow("de_DE falls back to English") << QLocale(u"de_DE"_s) << u"en"_s;
    QTest::newRow("C") << QLocale::c() << u"en"_s;
}

void TestLanguages::forLocale()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, expected);
    QCOMPARE(cd::i18n::languageForLocale(locale), expected);
}

void TestLanguages::languageArgument_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << QStringList{u"chargedesk"_s} << QString();
    QTest::newRow("--lang uk") << QStringList{u"chargedesk"_s, u"--lang"_s, u"uk"_s} << u"uk"_s;
    QTest::newRow("--lang=ru") << QStringList{u"chargedesk"_s, u"--db"_s, u"x.db"_s, u"--lang=ru"_s} << u"ru"_s;
    QTest::newRow("-lang zh_CN") << QStringList{u"chargedesk"_s, u"-lang"_s, u"zh_CN"_s} << u"zh_CN"_s;
    QTest::newRow("dangling") << QStringList{u"chargedesk"_s, u"--lang"_s} << QString();
    QTest::newRow("after --") << QStringList{u"chargedesk"_s, u"--"_s, u"--lang"_s, u"uk"_s} << QString();
    QTest::newRow("program name only") << QStringList{u"--lang"_s} << QString();
}

void TestLanguages::languageArgument()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    QCOMPARE(cd::i18n::languageArgument(arguments), expected);
}

void TestLanguages::catalogsAreEmbedded()
{
    for (const cd::i18n::Language &language : cd::i18n::supportedLanguages()) {
        const QString path = cd::i18n::TranslationManager::catalogPath(language.code);
        QVERIFY2(QFile::exists(path), qPrintable(path));
        QVERIFY(QFile(path).size() > 100);
    }
    QVERIFY(cd::i18n::languageOption().names().contains(u"lang"_s));
    QVERIFY(cd::i18n::unsupportedLanguageMessage(u"xx"_s).contains(u"xx"_s));
}

void TestLanguages::switchLanguage()
{
    cd::i18n::TranslationManager manager(qApp);
    QSignalSpy changed(&manager, &cd::i18n::TranslationManager::languageChanged);
    QCOMPARE(manager.language(), QString());
    QVERIFY(!manager.setLanguage(u"de"_s));
    QCOMPARE(changed.count(), 0);

    QVERIFY(manager.setLanguage(u"uk-UA"_s));
    QCOMPARE(manager.language(), u"uk"_s);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), u"uk"_s);
    QCOMPARE(QLocale().language(), QLocale::Ukrainian);
    QVERIFY(QCoreApplication::translate("cd::i18n::LanguageOption", "code") != u"code"_s);

    const QString qtCatalog = QDir(QLibraryInfo::path(QLibraryInfo::TranslationsPath)).filePath(u"qtbase_uk.qm"_s);
    if (QFile::exists(qtCatalog))  // Qt's own strings follow along
        QVERIFY(QCoreApplication::translate("QPlatformTheme", "Cancel") != u"Cancel"_s);

    QVERIFY(manager.setLanguage(u"uk"_s));  // same language: nothing to do
    QCOMPARE(changed.count(), 1);

    QVERIFY(manager.setLanguage(u"en"_s));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Cancel"_s);
    QCOMPARE(QLocale().language(), QLocale::English);
    QCOMPARE(changed.count(), 2);
}

QTEST_GUILESS_MAIN(TestLanguages)
#include "tst_languages.moc"
