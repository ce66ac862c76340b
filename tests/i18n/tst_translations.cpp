// Keeps the four translations complete: runs lupdate over the sources into copies of the
// .ts files and fails, listing each one, on any message that is unfinished, empty (in any
// plural form), missing (new in the sources), or whose placeholders or plural forms do
// not match its source. A new tr() string without translations breaks CI here.

#include <QDebug>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

struct Message {
    QString context;
    QString source;
    QString comment;
    QString type;  // "", "unfinished", "vanished", "obsolete"
    bool numerus = false;
    QStringList forms;  // the translation, or each numerus form
};

struct TsFile {
    QString language;
    QString sourceLanguage;
    QList<Message> messages;
    QString error;
};

TsFile readTs(const QString &path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = file.errorString();
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    bool inMessage = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == "TS"_L1) {
                ts.language = xml.attributes().value("language"_L1).toString();
                ts.sourceLanguage = xml.attributes().value("sourcelanguage"_L1).toString();
            } else if (name == "name"_L1 && !inMessage) {
                context = xml.readElementText();
            } else if (name == "message"_L1) {
                inMessage = true;
                message = Message{};
                message.context = context;
                message.numerus = xml.attributes().value("numerus"_L1) == "yes"_L1;
            } else if (name == "source"_L1 && inMessage) {
                message.source = xml.readElementText();
            } else if (name == "comment"_L1 && inMessage) {
                message.comment = xml.readElementText();
            } else if (name == "translation"_L1 && inMessage) {
                message.type = xml.attributes().value("type"_L1).toString();
                if (!message.numerus)
                    message.forms << xml.readElementText();
            } else if (name == "numerusform"_L1 && inMessage) {
                message.forms << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == "message"_L1) {
            inMessage = false;
            ts.messages << message;
        }
    }
    if (xml.hasError())
        ts.error = xml.errorString();
    return ts;
}

int expectedPluralForms(const QString &language)
{
    if (language == "uk"_L1 || language == "ru"_L1)
        return 3;  // one (1, 21), few (2-4, 22-24), many (0, 5-20, 25-30)
    if (language.startsWith("zh"_L1))
        return 1;
    return 2;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression marker(uR"(%(?:L?\d{1,2}|n))"_s);
    QStringList found;
    for (auto it = marker.globalMatch(text); it.hasNext();)
        found << it.next().captured().remove(u'L');
    found.sort();
    found.removeDuplicates();
    return found;
}

int mnemonicCount(const QString &text)
{
    int count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (i + 1 < text.size() && text.at(i + 1) == u'&') {
            ++i;
            continue;
        }
        ++count;
    }
    return count;
}

}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void complete_data();
    void complete();

private:
    QTemporaryDir m_dir;
    QStringList m_languages;
};

void TestTranslations::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_languages = QStringLiteral(CHARGEDESK_LANGUAGES).split(u',', Qt::SkipEmptyParts);
    QCOMPARE(m_languages, QStringList({u"en"_s, u"uk"_s, u"ru"_s, u"zh_CN"_s}));

    const QDir sourceTree(QStringLiteral(CHARGEDESK_SOURCE_TREE));
    QStringList copies;
    for (const QString &language : m_languages) {
        const QString name = u"chargedesk_%1.ts"_s.arg(language);
        const QString original = sourceTree.filePath(u"translations/"_s + name);
        QVERIFY2(QFile::exists(original), qPrintable(original));
        const QString copy = m_dir.filePath(name);
        QVERIFY(QFile::copy(original, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        copies << copy;
    }

    // The same lupdate run as the update_translations target, into the copies.
    QProcess lupdate;
    lupdate.setWorkingDirectory(sourceTree.path());
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    QStringList arguments = {u"-no-obsolete"_s, u"-locations"_s, u"none"_s, u"-extensions"_s,
                             u"cpp,h,ui"_s,     u"-source-language"_s, u"en"_s, u"-I"_s, sourceTree.path(),
                             u"core"_s,         u"ui"_s,          u"app"_s, u"-ts"_s};
    arguments += copies;
    lupdate.start(QStringLiteral(CHARGEDESK_LUPDATE), arguments);
    QVERIFY2(lupdate.waitForStarted(), qPrintable(lupdate.errorString()));
    QVERIFY2(lupdate.waitForFinished(240000), "lupdate did not finish");
    const QString output = QString::fromLocal8Bit(lupdate.readAll());
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0, qPrintable(output));
}

void TestTranslations::complete_data()
{
    QTest::addColumn<QString>("language");
    for (const QString &language : m_languages)
        QTest::newRow(qPrintable(language)) << language;
}

void TestTranslations::complete()
{
    QFETCH(QString, language);
    const QString file = u"chargedesk_%1.ts"_s.arg(language);
    const TsFile ts = readTs(m_dir.filePath(file));
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QCOMPARE(ts.language, language);
    QCOMPARE(ts.sourceLanguage, u"en"_s);
    QVERIFY2(!ts.messages.isEmpty(), "no messages: did lupdate find the sources?");

    const int pluralForms = expectedPluralForms(language);
    QStringList problems;
    for (const Message &m : ts.messages) {
        QString where = m.context + u" | \""_s + m.source + u'"';
        if (!m.comment.isEmpty())
            where += u" ("_s + m.comment + u')';
        if (m.type == "unfinished"_L1) {
            const bool empty = std::all_of(m.forms.cbegin(), m.forms.cend(),
                                           [](const QString &f) { return f.isEmpty(); });
            problems << where + (empty ? u": missing (no translation yet)"_s : u": unfinished"_s);
            continue;
        }
        if (m.type == "vanished"_L1 || m.type == "obsolete"_L1)
            continue;
        if (m.numerus && m.forms.size() != pluralForms) {
            problems << where + u": %1 plural forms, expected %2"_s.arg(m.forms.size()).arg(pluralForms);
            continue;
        }
        const QStringList expectedMarkers = placeholders(m.source);
        for (qsizetype i = 0; i < m.forms.size(); ++i) {
            const QString &form = m.forms.at(i);
            const QString which = m.numerus ? u" (plural form %1)"_s.arg(i + 1) : QString();
            if (form.trimmed().isEmpty()) {
                problems << where + u": empty translation"_s + which;
                continue;
            }
            if (placeholders(form) != expectedMarkers) {
                problems << where + u": placeholders %1 in the translation%2, %3 in the source"_s.arg(
                                placeholders(form).join(u' '), which, expectedMarkers.join(u' '));
            }
            if (mnemonicCount(form) != mnemonicCount(m.source))
                problems << where + u": keyboard mnemonic (&) missing or extra"_s + which;
        }
    }
    if (!problems.isEmpty()) {
        // In full: QVERIFY2 cuts long messages.
        qCritical().noquote() << u"\n%1 has %2 problem(s); run the update_translations target and translate:\n  "_s
                                     .arg(file)
                                     .arg(problems.size())
                                     + problems.join(u"\n  "_s);
    }
    QVERIFY2(problems.isEmpty(), "unfinished, missing or inconsistent translations, listed above");
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
