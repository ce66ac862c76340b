#include "app/cli/passwordprompt.h"

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace cd::cli {

namespace {

// One line from stdin; without echo when stdin is a terminal. nullopt at end of input.
std::optional<QByteArray> askLine(const QString &prompt)
{
    std::fputs(prompt.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
#ifdef Q_OS_UNIX
    termios saved{};
    const bool terminal = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
#endif
    std::string line;
    const bool got = static_cast<bool>(std::getline(std::cin, line));
#ifdef Q_OS_UNIX
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputs("\n", stderr);
    }
#endif
    if (!got)
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QByteArray::fromStdString(line);
}

}  // namespace

Expected<QByteArray> PasswordPrompt::read(const char *envName, const QString &prompt)
{
    if (qEnvironmentVariableIsSet(envName))
        return qgetenv(envName);
    auto line = askLine(prompt);
    if (!line)
        return Error{ExitCode::Usage,
                     tr("No password: set %1 or type it when asked.").arg(QString::fromLatin1(envName))};
    return *line;
}

Expected<QByteArray> PasswordPrompt::readNew(const char *envName, const QString &prompt)
{
    if (qEnvironmentVariableIsSet(envName))
        return qgetenv(envName);
    auto first = askLine(prompt);
    if (!first)
        return Error{ExitCode::Usage,
                     tr("No password: set %1 or type it when asked.").arg(QString::fromLatin1(envName))};
    auto second = askLine(tr("The same password again: "));
    if (!second || *second != *first)
        return Error{ExitCode::Usage, tr("The two passwords differ; nothing was changed.")};
    return *first;
}

}  // namespace cd::cli
