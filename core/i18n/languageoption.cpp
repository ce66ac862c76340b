#include "core/i18n/languageoption.h"

#include "core/i18n/language.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace cd::i18n {
namespace {

class LanguageOption {
    Q_DECLARE_TR_FUNCTIONS(cd::i18n::LanguageOption)
public:
    static QString supportedCodes()
    {
        QStringList codes;
        for (const Language &language : supportedLanguages())
            codes.append(language.code);
        return codes.join(u", "_s);
    }

    static QCommandLineOption option()
    {
        //: --lang option in --help; %1 lists the codes ("en, uk, ru, zh_CN")
        return QCommandLineOption(u"lang"_s, tr("Interface language for this run: %1.").arg(supportedCodes()),
                                  tr("code"));
    }

    static QString unsupported(const QString &code)
    {
        return tr("Unknown language \"%1\". Supported: %2.").arg(code, supportedCodes());
    }
};

}  // namespace

QCommandLineOption languageOption()
{
    return LanguageOption::option();
}

QString languageArgument(const QStringList &arguments)
{
    static const QStringList names = {u"--lang"_s, u"-lang"_s};
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == u"--"_s)
            break;
        if (names.contains(argument))
            return i + 1 < arguments.size() ? arguments.at(i + 1) : QString();
        for (const QString &name : names) {
            if (argument.startsWith(name + u'='))
                return argument.mid(name.size() + 1);
        }
    }
    return {};
}

QString unsupportedLanguageMessage(const QString &code)
{
    return LanguageOption::unsupported(code);
}

}  // namespace cd::i18n
