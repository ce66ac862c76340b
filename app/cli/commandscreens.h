#pragma once
// Which console screens a command belongs to. The console never builds a screen the role lacks;
// the CLI refuses, in CliApp's dispatch, a command whose screens the role has none of — so an
// operator reads through `chargedesk-cli --as` only what the console would show them. What a
// command changes is checked again by the core service it calls (its action permission).

#include "core/access/permission.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace cd::cli {

class CommandScreens {
public:
    // The screens for a command's words (the longest entry that starts them): the role needs one of
    // them; an empty list needs none (key, db, changing one's own password). nullopt: the command
    // is not in the table (tst_cli::everyCommandBelongsToScreens keeps every command in it).
    static std::optional<QList<access::Permission>> of(const QStringList &words);
};

}  // namespace cd::cli
